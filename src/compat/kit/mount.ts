import type { FastifyInstance } from 'fastify';
import { compatPrefixVariable } from '../../config.js';
import type { CompatApi, CompatDependencies } from './compat-api.js';
import type { ErrorShape } from './error-shape.js';
import { claimOfRoute, liesUnder, overlappingClaims, type PrefixClaim } from './path-prefixes.js';

/** A compat API as served: under its configured mount prefix ('' for its vendor's own paths). */
export interface MountedApi {
  api: CompatApi;
  mount: string;
}

/** The prefixes a mounted API claims, with its mount prefix in front. */
export const claimsOf = ({ api, mount }: MountedApi): PrefixClaim[] =>
  api.prefixes.map((prefix) => ({
    owner: api.name,
    prefix: `${mount}${prefix}`,
    caseSensitive: api.caseSensitive ?? false,
  }));

/**
 * Refuses to start when two APIs (the native one's claims included) own overlapping prefixes,
 * naming them and the way out.
 */
export function assertNoOverlap(mounted: readonly MountedApi[], native: readonly PrefixClaim[]): void {
  const overlaps = overlappingClaims([...native, ...mounted.flatMap(claimsOf)]);
  if (overlaps.length === 0) return;
  const lines = overlaps.map(([a, b]) => `${a.owner} claims ${a.prefix} and ${b.owner} claims ${b.prefix}`);
  const movable = overlaps.flatMap(([a, b]) => [a.owner, b.owner]).filter((o) => o !== 'native');
  throw new Error(
    `compat APIs overlap (paths compared ignoring case): ${lines.join('; ')}. ` +
      `Serve one under a prefix of its own, e.g. ${compatPrefixVariable(movable[0] ?? 'name')}=/compat/${movable[0] ?? 'name'}, or leave it out of COMPAT_APIS.`,
  );
}

/**
 * Registers a mounted API's routes in a scope of their own, under its mount prefix, and refuses
 * any route outside the prefixes it claims (so the overlap check covers every path it serves).
 */
export async function mountCompatApi(
  app: FastifyInstance,
  { api, mount }: MountedApi,
  deps: CompatDependencies,
): Promise<void> {
  const owned = api.prefixes.map((p) => `${mount}${p}`);
  await app.register(
    async (scope) => {
      scope.addHook('onRoute', (route) => {
        if (!owned.some((prefix) => liesUnder(route.url, prefix))) {
          throw new Error(`${api.name} registers ${route.url}, outside its prefixes ${owned.join(', ')}`);
        }
      });
      await scope.register(api.routes(deps));
    },
    { prefix: mount },
  );
}

/**
 * The error shape of the served API whose prefixes `url` lies under (compared as the API
 * compares its paths), for what no route answers; undefined: the native API's.
 */
export function errorShapeOfPath(
  apis: readonly CompatApi[],
  prefixes: Readonly<Record<string, string>>,
  url: string,
): ErrorShape | undefined {
  const path = url.split('?')[0] ?? '';
  const api = apis.find((candidate) =>
    claimsOf({ api: candidate, mount: prefixes[candidate.name] ?? '' }).some((claim) =>
      claim.caseSensitive
        ? liesUnder(path, claim.prefix)
        : liesUnder(path.toLowerCase(), claim.prefix.toLowerCase()),
    ),
  );
  return api?.errors;
}

/**
 * Serves `apis` (from the registry), each under its configured prefix or at its vendor's own
 * paths, after checking that none overlaps another or the native API (`nativeUrls`, its routes).
 */
export async function mountCompatApis(
  app: FastifyInstance,
  apis: readonly CompatApi[],
  options: {
    prefixes: Readonly<Record<string, string>>;
    nativeUrls: readonly string[];
    deps: CompatDependencies;
  },
): Promise<void> {
  const mounted = apis.map((api) => ({ api, mount: options.prefixes[api.name] ?? '' }));
  const claimed = options.nativeUrls.map(claimOfRoute).filter((p): p is string => p !== undefined);
  const native = [...new Set(claimed)].map((prefix) => ({
    owner: 'native',
    prefix,
    caseSensitive: true,
  }));
  assertNoOverlap(mounted, native);
  for (const one of mounted) await mountCompatApi(app, one, options.deps);
}
