import { useSession } from '../session.js';

export function Home() {
  const { whoami, tenant } = useSession();
  return (
    <section>
      <h1>Overview</h1>
      <dl>
        <dt>Signed in as</dt>
        <dd>{whoami.principal}</dd>
        <dt>Acting in tenant</dt>
        <dd>{tenant}</dd>
        <dt>Scopes</dt>
        <dd>{whoami.scopes.join(', ')}</dd>
      </dl>
    </section>
  );
}
