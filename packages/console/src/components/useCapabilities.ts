import { useSession } from '../session.js';
import { useLoad } from './useLoad.js';

/**
 * The capability catalog (GET /v1/capabilities): a fixed, short list, read whole. With
 * `enabled` false (no profiles:read) it is not asked for.
 */
export function useCapabilities(enabled = true) {
  const { api, tenant } = useSession();
  return useLoad(() => api.list('/v1/capabilities', { limit: 200, sort: 'name' }).all(), tenant, enabled);
}
