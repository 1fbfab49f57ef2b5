import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, type Answer, type TestApp } from './app.js';
import type { VendorReference } from './reference-document.js';

/** One answer of a vendor route that the reference must describe exactly. */
export interface ReferenceCase<Fixture> {
  name: string;
  /** The app's route, as `METHOD /path/{param}` (the reference's notation). */
  route: string;
  /** The reference's path for it, when the route is an alias. */
  referencePath?: string;
  /** Top-level fields the vendor documents for this answer beyond its schema. */
  documentedExtras?: string[];
  /** The status the reference gives this answer, when the vendor's samples answer another (seed 200, spec 201). */
  referenceStatus?: number;
  status: number;
  /**
   * Why the reference does not describe this route (a path of the vendor's that its excerpt
   * leaves out, such as a health check): the case then checks the status only.
   */
  beyondReference?: string;
  send(fixture: Fixture): Promise<Answer>;
}

export interface ReferenceContract<Fixture> {
  /** The compat API's name: its routes are those whose `config.source` it is. */
  api: string;
  reference: () => VendorReference;
  /** Data the cases act on, made afresh for each case. */
  fixture: (t: TestApp) => Promise<Fixture>;
  /** At least one per route of the API: a route without one fails the contract. */
  cases: readonly ReferenceCase<Fixture>[];
}

/** The routes a compat API registered in the app under test, as `METHOD /path/{param}`. */
export function compatRouteKeys(t: TestApp, api: string): string[] {
  const keys = t.routes
    .filter((route) => route.config?.source === api)
    .flatMap((route) =>
      [route.method].flat().map((method) => `${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`),
    )
    // HEAD routes are Fastify's copies of GET routes.
    .filter((key) => !key.startsWith('HEAD '));
  return [...new Set(keys)].sort();
}

/**
 * A vendor API's contract test, on every database: each case's answer has the status it names
 * and validates against the vendor's reference (closed objects: no field more, none of the wrong
 * type); and every route of the API has a case, so a new route cannot go unchecked.
 */
export function referenceContract<Fixture>(title: string, contract: ReferenceContract<Fixture>): void {
  forEachApp(title, (t) => {
    const reference = contract.reference();
    for (const c of contract.cases) {
      test(`${c.route} → ${c.status}: ${c.name}`, async () => {
        const res = await c.send(await contract.fixture(t()));
        assert.equal(res.statusCode, c.status, res.body);
        const [method, path] = c.route.split(' ') as [string, string];
        if (c.beyondReference !== undefined) return;
        assert.deepEqual(
          reference.check(method, c.referencePath ?? path, res, c.documentedExtras, c.referenceStatus)
            .problems,
          [],
        );
      });
    }

    test(`every ${contract.api} route has a case, and every case a route`, () => {
      const routes = compatRouteKeys(t(), contract.api);
      assert.ok(routes.length > 0, `no route has config.source ${contract.api}`);
      const covered = new Set(contract.cases.map((c) => c.route));
      assert.deepEqual(
        routes.filter((r) => !covered.has(r)),
        [],
        'add a case for each of these routes',
      );
      assert.deepEqual(
        [...covered].filter((r) => !routes.includes(r)),
        [],
        'these cases name no route',
      );
    });
  });
}
