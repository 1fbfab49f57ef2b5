import { useEffect, useState } from 'react';
import { useSession } from '../session.js';

/** A tenant by name and code, or its id while (or if) it cannot be read. */
export function TenantName({ id }: { id: string }) {
  const { api } = useSession();
  const [name, setName] = useState<string | undefined>();
  useEffect(() => {
    let current = true;
    setName(undefined);
    api.get('/v1/tenants/{id}', { params: { path: { id } } }).then(
      ({ data }) => current && setName(`${data.name} (${data.code})`),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, id]);
  return <>{name ?? id}</>;
}
