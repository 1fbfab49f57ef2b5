import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { TestApp } from './app.js';
import {
  credentialWithScope,
  expiredCredential,
  foreignResources,
  foreignResourcesInLists,
  foreignTargetTenant,
  malformedCredential,
  readOnlyCredential,
  revokedCredential,
  securityScene,
  tenantHeaderOf,
  withoutCredential,
  withoutTheScope,
  wrongSecret,
  type SecurityScene,
  type SecuritySuiteOptions,
} from './security-checks.js';
import type { Finding } from './security-verdicts.js';

/**
 * The shared security suite: every guarded route answers 401 to a missing, malformed, wrong,
 * expired or revoked credential, a status it declares (never a 500) to one with its scope, 403
 * naming the scope to one without it, 404 for whatever belongs to another tenant (never 403,
 * nothing in lists), and 403 to a read-only credential on a write. Call it inside `forEachApp`;
 * each API supplies its routes and how its clients present credentials. The checks themselves
 * are in security-checks.ts, where a test can run one against a route broken on purpose.
 */
export function securitySuite(t: () => TestApp, options: SecuritySuiteOptions): void {
  const [primary] = options.presenters;
  if (!primary) throw new Error('securitySuite needs at least one presenter');
  let scene: SecurityScene | undefined;
  const s = () => scene ?? assert.fail('security suite not set up');
  const holds = async (findings: Promise<Finding[]>) => assert.deepEqual(await findings, []);

  before(async () => {
    scene = await securityScene(t(), options);
  });

  test('without a credential every guarded route answers 401 with WWW-Authenticate', () =>
    holds(withoutCredential(s())));

  for (const presenter of options.presenters) {
    // Every route runs with the primary presentation; the others need only the reads and the
    // routes without a scope here, as the 403 test below shows they authenticate everywhere.
    const reads = presenter !== primary;
    test(`${presenter.name}: a credential with the route's scope gets a status the route declares${reads ? ' (reads)' : ''}`, () =>
      holds(credentialWithScope(s(), presenter, reads)));
    test(`${presenter.name}: a malformed credential is 401 everywhere`, () =>
      holds(malformedCredential(s(), presenter)));
    test(`${presenter.name}: a wrong secret is 401 everywhere`, () => holds(wrongSecret(s(), presenter)));
    test(`${presenter.name}: an expired credential is 401 everywhere`, () =>
      holds(expiredCredential(s(), presenter)));
    test(`${presenter.name}: a revoked credential is 401 everywhere`, () =>
      holds(revokedCredential(s(), presenter)));
    test(`${presenter.name}: an authenticated credential without the route's scope is 403 naming it`, () =>
      holds(withoutTheScope(s(), presenter)));
  }

  test('a read-only credential (the demo client) is 403 on every write, naming the scope', () =>
    holds(readOnlyCredential(s())));

  const header = tenantHeaderOf(options);
  if (header !== null) {
    test(`${header} naming a tenant outside the subtree is 404 everywhere, as for one that never existed`, () =>
      holds(foreignTargetTenant(s())));
  }

  test("another tenant's resources are 404 on every route that names one, as an id never used", () =>
    holds(foreignResources(s())));

  test("list filters and counts never find another tenant's resources", () =>
    holds(foreignResourcesInLists(s())));
}
