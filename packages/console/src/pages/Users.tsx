import { Link } from 'react-router';
import { ListQueryForm, useListPages } from '../components/ListQuery.js';
import { PagedTable } from '../components/PagedTable.js';
import { useCan, useSession } from '../session.js';

const sorts = [
  { value: 'username', label: 'Username (A–Z)' },
  { value: '-username', label: 'Username (Z–A)' },
  { value: 'displayName', label: 'Display name' },
  { value: 'email', label: 'Email' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
];

/** The filterable fields of GET /v1/users (the users list's filter fields). */
const fields = [
  'username',
  'email',
  'displayName',
  'givenName',
  'familyName',
  'employeeId',
  'role',
  'enabled',
];

/** The users of the acting tenant, a page at a time, searched with a SCIM filter. */
export function Users() {
  const { api } = useSession();
  const canWrite = useCan('users:write');
  const pages = useListPages(
    'username',
    async (query) => (await api.get('/v1/users', { params: { query } })).data,
  );
  return (
    <section>
      <div className="heading">
        <h1>Users</h1>
        {canWrite && (
          <Link className="button" to="/users/new">
            New user
          </Link>
        )}
      </div>
      <ListQueryForm defaultSort="username" sorts={sorts} example='username sw "a"' fields={fields} />
      <PagedTable
        pages={pages}
        what="users"
        caption="Users"
        columns={['Username', 'Display name', 'Email', 'State']}
        empty="No user matches."
        pagerLabel="Pages of users"
        row={(user) => (
          <tr key={user.id}>
            <td>
              <Link to={`/users/${user.id}`}>{user.username}</Link>
            </td>
            <td>{user.displayName}</td>
            <td>{user.email}</td>
            <td>{user.enabled ? 'Enabled' : 'Disabled'}</td>
          </tr>
        )}
      />
    </section>
  );
}
