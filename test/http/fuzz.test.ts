import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { forEachApp, type TestApp } from '../support/app.js';
import { newTenant } from '../support/fixtures.js';
import { visierClient } from '../support/visier.js';

/**
 * Property: no request makes a 5xx. For every operation of /openapi.json, requests whose path
 * parameters, query parameters, headers and bodies are generated to be hostile (wrong types,
 * NUL and lone surrogates, huge and out-of-range numbers, forged cursors, broken filters, wrong
 * content types) answer below 500, on every database. (Tests run with the status-code guard on,
 * so an undeclared status counts as a 500 too.) Seeded: PROFILED_FUZZ_SEED replays a run;
 * PROFILED_FUZZ_RUNS sets the runs per operation (CI's short run: 4).
 */
const RUNS = Number(process.env.PROFILED_FUZZ_RUNS ?? 4);
const SEED = Number(process.env.PROFILED_FUZZ_SEED ?? 20261201);

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  bodyFields: string[];
  takesBody: boolean;
}

const ID = '0190b7e4-0000-7000-8000-00000000dead';
const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Text no well-behaved client sends. */
const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '💥'.repeat(300),
    'x'.repeat(5000),
    'Infinity',
    '-Infinity',
    'NaN',
    '1e400',
    '-1',
    '0',
    '1.5',
    '99999999999999999999',
    '9223372036854775808',
    '-9223372036854775809',
    '253402300800000',
    'true',
    'null',
    '[]',
    '{}',
    '%00',
    '../../etc/passwd',
    "' or 1=1 --",
    'name eq',
    '(((((',
    'name eq "a" and',
    'createdAt gt 1e30',
    'version gt 1.5',
    'id eq "\u0000"',
    'not not not',
    '-createdAt,-createdAt',
    'nope,-nope',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .record({
      s: fc.string({ maxLength: 12 }),
      f: fc.string({ maxLength: 12 }),
      v: fc.array(fc.jsonValue(), { maxLength: 4 }),
    })
    .map((body) => base64url(JSON.stringify(body))),
  fc.constantFrom(
    base64url('{"s":"createdAt,id","f":"x","v":[1.5,"x"]}'),
    base64url('{"s":"name,id","f":"","v":["\u0000","x"]}'),
    base64url('not json'),
  ),
);

/** Any JSON value, with hostile text and numbers among them. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(1e308, -1e308, 2 ** 63, -(2 ** 63), 0.5, -1, 8.64e15 + 1, Number.MAX_SAFE_INTEGER + 2),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(null),
  fc.boolean(),
  fc.array(hostileText, { maxLength: 3 }),
);

function operationsOf(document: {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: { properties?: object } }> };
      }
    >
  >;
}): Operation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const content = operation.requestBody?.content ?? {};
      const schema = Object.values(content)[0]?.schema;
      return {
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        bodyFields: Object.keys(schema?.properties ?? {}),
        takesBody: operation.requestBody !== undefined,
      };
    }),
  );
}

/** One hostile request to `operation`: every part generated, each possibly sane. */
function requestFor(operation: Operation) {
  const pathValues = fc.record(
    Object.fromEntries(
      operation.parameters
        .filter((p) => p.in === 'path')
        .map((p) => [p.name, fc.oneof(fc.constant(ID), hostileText)]),
    ),
  );
  const query = fc.dictionary(
    fc.oneof(
      fc.constantFrom(...operation.parameters.filter((p) => p.in === 'query').map((p) => p.name), 'surprise'),
    ),
    fc.oneof(hostileText, fc.array(hostileText, { maxLength: 2 })),
    { maxKeys: 3 },
  );
  const headers = fc.record(
    {
      'content-type': fc.constantFrom(
        'application/json',
        'application/x-www-form-urlencoded',
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
      ),
      'target-tenant': hostileText,
      targettenantid: hostileText,
      'if-match': hostileText,
      'idempotency-key': hostileText,
    },
    { requiredKeys: ['content-type'] },
  );
  const body = fc.oneof(
    fc.record(Object.fromEntries(operation.bodyFields.map((f) => [f, hostileValue])), { requiredKeys: [] }),
    hostileValue,
    hostileText.map((text) => ({ raw: text })),
  );
  return fc.record({ pathValues, query, headers, body });
}

const encode = (value: unknown) =>
  encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));

forEachApp('fuzzed requests never answer 5xx', (t) => {
  async function credentials(app: TestApp) {
    // An API key of the admin: a bearer on the native API, and Visier's apikey with itself as token.
    const visier = await visierClient(app, await newTenant(app));
    return { authorization: `Bearer ${visier.apiKey}`, apikey: visier.apiKey };
  }

  test(`every operation of /openapi.json, ${RUNS} hostile requests each (seed ${SEED})`, async () => {
    const app = t();
    const document = (await app.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operations = operationsOf(document);
    assert.ok(operations.length > 50, `only ${operations.length} operations`);
    const auth = await credentials(app);
    const failures: string[] = [];
    for (const operation of operations) {
      await fc
        .assert(
          fc.asyncProperty(requestFor(operation), async ({ pathValues, query, headers, body }) => {
            const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
              encodeURIComponent((pathValues as Record<string, string | undefined>)[name] ?? ID),
            );
            const search = Object.entries(query)
              .flatMap(([k, v]) => [v].flat().map((one) => `${encodeURIComponent(k)}=${encode(one)}`))
              .join('&');
            const url = search === '' ? path : `${path}?${search}`;
            const raw =
              typeof body === 'object' && body !== null && 'raw' in body ? String(body.raw) : undefined;
            const res = await app.app.inject({
              method: operation.method as 'GET',
              url,
              headers: { ...auth, ...(headers as Record<string, string>) },
              ...(operation.method !== 'GET' &&
                operation.method !== 'HEAD' && { payload: raw ?? JSON.stringify(body) }),
            });
            if (res.statusCode >= 500) {
              failures.push(
                `${operation.method} ${url.slice(0, 300)} ${JSON.stringify(headers).slice(0, 300)} -> ${res.statusCode} ${res.body.slice(0, 300)}`,
              );
              return false;
            }
            return true;
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    assert.deepEqual(failures, []);
  });
});
