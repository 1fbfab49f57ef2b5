import { Link } from 'react-router';
import { CursorPager } from '../components/CursorPager.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ListQueryForm, useListQuery } from '../components/ListQuery.js';
import { Loading } from '../components/Loading.js';
import { useCursorPages } from '../components/useCursorPages.js';
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
  const { api, tenant } = useSession();
  const canWrite = useCan('profiles:write');
  const { filter, sort } = useListQuery('name');
  const pages = useCursorPages(
    async (cursor) =>
      (
        await api.get('/v1/profiles', {
          params: { query: { limit: 25, sort, ...(filter && { filter }), ...(cursor && { cursor }) } },
        })
      ).data,
    `${tenant}\n${filter}\n${sort}`,
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
      <ErrorMessage error={pages.error} />
      {pages.loading && <Loading what="profiles" />}
      {pages.error === undefined && !(pages.loading && pages.items.length === 0) && (
        <table>
          <caption className="visually-hidden">Profiles, page {pages.pageNumber}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Capabilities</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((profile) => (
              <tr key={profile.id}>
                <td>
                  <Link to={`/profiles/${profile.id}`}>{profile.name}</Link>
                </td>
                <td>{profile.description}</td>
                <td>{profile.capabilities.map((grant) => grant.capability).join(', ')}</td>
                <td>{profile.enabled ? 'Enabled' : 'Disabled'}</td>
              </tr>
            ))}
            {pages.items.length === 0 && (
              <tr>
                <td colSpan={4}>No profile matches.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <CursorPager pages={pages} label="Pages of profiles" />
    </section>
  );
}
