import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { useLoad } from '../components/useLoad.js';
import { useSession } from '../session.js';

/** One tenant: its facts, its parent and its children. */
export function TenantDetail() {
  const { api, tenant: acting } = useSession();
  const id = useParams().id ?? '';
  const tenant = useLoad(
    async () => (await api.get('/v1/tenants/{id}', { params: { path: { id } } })).data,
    `${acting} ${id}`,
  );
  const children = useLoad(
    async () =>
      (
        await api.get('/v1/tenants', {
          params: { query: { filter: `parentId eq ${JSON.stringify(id)}`, sort: 'name', limit: 200 } },
        })
      ).data.items,
    `${acting} ${id}`,
  );
  if (tenant.loading) return <Loading what="the tenant" />;
  if (!tenant.data) return <ErrorMessage error={tenant.error} />;
  const { data } = tenant;
  const address = data.address
    ? [
        data.address.street,
        data.address.postalCode,
        data.address.city,
        data.address.region,
        data.address.country,
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  return (
    <section>
      <p>
        <Link to="/tenants">All tenants</Link>
      </p>
      <h1>
        {data.name} <code>{data.code}</code>
      </h1>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{data.id}</code>
        </dd>
        <dt>State</dt>
        <dd>{data.enabled ? 'Enabled' : 'Disabled'}</dd>
        <dt>Parent</dt>
        <dd>
          {data.parentId ? <Link to={`/tenants/${data.parentId}`}>{data.parentId}</Link> : 'None (a root)'}
        </dd>
        <dt>Account number</dt>
        <dd>{data.accountNumber}</dd>
        <dt>Address</dt>
        <dd>{address || 'None'}</dd>
        <dt>Created</dt>
        <dd>{new Date(data.createdAt).toLocaleString()}</dd>
        <dt>Updated</dt>
        <dd>
          {new Date(data.updatedAt).toLocaleString()} (version {data.version})
        </dd>
      </dl>
      <h2>Children</h2>
      {children.loading && <Loading what="the children" />}
      <ErrorMessage error={children.error} />
      {children.data &&
        (children.data.length === 0 ? (
          <p>No tenant below this one.</p>
        ) : (
          <ul>
            {children.data.map((child) => (
              <li key={child.id}>
                <Link to={`/tenants/${child.id}`}>{child.name}</Link> <code>{child.code}</code>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
