import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import type { Found } from '../../components/EntitySearch.js';
import { InstantSlider } from '../../components/InstantSlider.js';
import { Loading } from '../../components/Loading.js';
import { TenantName } from '../../components/TenantName.js';
import { useLoad } from '../../components/useLoad.js';
import { useNow } from '../../components/useNow.js';
import { useSettled } from '../../components/useSettled.js';
import { UserSearch } from '../../components/UserAndProfileSearch.js';
import { formatInstant, toApiInstant } from '../../lib/utc-time.js';
import { useSession } from '../../session.js';
import { EffectiveAccessView } from './EffectiveAccessView.js';

/**
 * What a user may do in the acting tenant at an instant (GET /v1/users/{id}/access): pick the
 * user, move through time with the slider, and see each capability with the assignments that
 * grant it.
 */
export function AccessPage() {
  const { api, tenant } = useSession();
  const now = useNow();
  const [user, setUser] = useState<Found | undefined>();
  const [at, setAt] = useState(() => Date.now());
  const settledAt = useSettled(at);
  const access = useLoad(
    async () =>
      (
        await api.get('/v1/users/{id}/access', {
          params: { path: { id: user?.id ?? '' }, query: { tenant, at: toApiInstant(settledAt) } },
        })
      ).data,
    `${tenant}|${user?.id ?? ''}|${settledAt}`,
    user !== undefined,
  );
  const answer = access.data;
  return (
    <section className="access-page">
      <h1>Effective access</h1>
      <p>
        In tenant <TenantName id={tenant} /> (switch it at the top).
      </p>
      <div className="filters">
        <UserSearch label="User" picked={user} onPick={setUser} />
        <InstantSlider label="Instant" value={at} onChange={setAt} now={now} />
      </div>
      {!user && <p className="hint">Pick a user to see what they may do.</p>}
      <ErrorMessage error={access.error} />
      {access.loading && <Loading what="access" />}
      {user && answer && answer.userId === user.id && (
        <EffectiveAccessView
          access={answer}
          heading={`Access of ${user.name} at ${formatInstant(Date.parse(answer.at))}`}
        />
      )}
    </section>
  );
}
