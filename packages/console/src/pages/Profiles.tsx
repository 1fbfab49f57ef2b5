import { Link } from 'react-router';
import { ListQueryForm, useListPages } from '../components/ListQuery.js';
import { PagedTable } from '../components/PagedTable.js';
import { useCan, useSession } from '../session.js';

const sorts = [
  { value: 'name', label: 'Name (A–Z)' },
  { value: '-name', label: 'Name (Z–A)' },
  { value: '-updatedAt', label: 'Recently changed' },
  { value: '-createdAt', label: 'Newest first' },
];

/** The filterable fields of GET /v1/profiles. */
const fields = ['name', 'description', 'enabled', 'audience', 'sessionDurationSeconds', 'updatedBy'];

/** The profiles of the acting tenant, a page at a time, searched with a SCIM filter. */
export function Profiles() {
  const { api } = useSession();
  const canWrite = useCan('profiles:write');
  const pages = useListPages(
    'name',
    async (query) => (await api.get('/v1/profiles', { params: { query } })).data,
  );
  return (
    <section>
      <div className="heading">
        <h1>Profiles</h1>
        {canWrite && (
          <Link className="button" to="/profiles/new">
            New profile
          </Link>
        )}
      </div>
      <ListQueryForm defaultSort="name" sorts={sorts} example='name sw "PARTNER"' fields={fields} />
      <PagedTable
        pages={pages}
        what="profiles"
        caption="Profiles"
        columns={['Name', 'Description', 'Capabilities', 'State']}
        empty="No profile matches."
        pagerLabel="Pages of profiles"
        row={(profile) => (
          <tr key={profile.id}>
            <td>
              <Link to={`/profiles/${profile.id}`}>{profile.name}</Link>
            </td>
            <td>{profile.description}</td>
            <td>{profile.capabilities.map((grant) => grant.capability).join(', ')}</td>
            <td>{profile.enabled ? 'Enabled' : 'Disabled'}</td>
          </tr>
        )}
      />
    </section>
  );
}
