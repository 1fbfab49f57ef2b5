import { Link } from 'react-router';
import { CursorPager } from '../components/CursorPager.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ListQueryForm, useListQuery } from '../components/ListQuery.js';
import { Loading } from '../components/Loading.js';
import { useCursorPages } from '../components/useCursorPages.js';
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
  const { api, tenant } = useSession();
  const canWrite = useCan('users:write');
  const { filter, sort } = useListQuery('username');
  const pages = useCursorPages(
    async (cursor) =>
      (
        await api.get('/v1/users', {
          params: { query: { limit: 25, sort, ...(filter && { filter }), ...(cursor && { cursor }) } },
        })
      ).data,
    `${tenant}\n${filter}\n${sort}`,
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
      <ErrorMessage error={pages.error} />
      {pages.loading && <Loading what="users" />}
      {pages.error === undefined && !(pages.loading && pages.items.length === 0) && (
        <table>
          <caption className="visually-hidden">Users, page {pages.pageNumber}</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Display name</th>
              <th scope="col">Email</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((user) => (
              <tr key={user.id}>
                <td>
                  <Link to={`/users/${user.id}`}>{user.username}</Link>
                </td>
                <td>{user.displayName}</td>
                <td>{user.email}</td>
                <td>{user.enabled ? 'Enabled' : 'Disabled'}</td>
              </tr>
            ))}
            {pages.items.length === 0 && (
              <tr>
                <td colSpan={4}>No user matches.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <CursorPager pages={pages} label="Pages of users" />
    </section>
  );
}
