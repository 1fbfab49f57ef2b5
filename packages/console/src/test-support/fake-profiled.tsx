import { createProfiled } from '@profiled/sdk';
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach } from 'vitest';
import { SessionProvider, type Session, type WhoAmI } from '../session.js';
import { demoTenantId } from './demo-answers.js';

// Vitest runs without globals, so Testing Library cannot unmount after each test by itself.
afterEach(cleanup);

/** A request the fake server saw. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/** Answers a body (200), or a `reply` with a status, a body and headers (or a promise of one). */
export type FakeRoute = (request: SeenRequest, params: Record<string, string>) => unknown;

/** A reply other than a plain 200 JSON body. */
export function reply(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return { [replyMark]: true, status, body, headers };
}
const replyMark = Symbol('reply');
type Reply = ReturnType<typeof reply>;
const isReply = (value: unknown): value is Reply =>
  typeof value === 'object' && value !== null && replyMark in value;

/** A problem document as profiled answers one. */
export function problem(status: number, code: string, detail: string) {
  return reply(status, { type: 'about:blank', title: code, status, code, detail, requestId: 'req-test' });
}

/**
 * A fake profiled behind the real SDK: routes are `METHOD /path/{param}` keys; a request no
 * route answers is a 404 (and fails the test that looks for it in `requests`).
 */
export function fakeProfiled(routes: Record<string, FakeRoute>) {
  const requests: SeenRequest[] = [];
  const table = Object.entries(routes).map(([key, route]) => {
    const [method, pattern] = key.split(' ') as [string, string];
    const names: string[] = [];
    const regex = new RegExp(
      `^${pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    return { method, regex, names, route };
  });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const seen: SeenRequest = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
    requests.push(seen);
    for (const { method, regex, names, route } of table) {
      const match = method === request.method ? regex.exec(url.pathname) : null;
      if (!match) continue;
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
      const answer = await route(seen, params);
      const { status, body, headers } = isReply(answer) ? answer : { status: 200, body: answer, headers: {} };
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: {
          ...(body === undefined
            ? {}
            : { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' }),
          ...headers,
        },
      });
    }
    return new Response(
      JSON.stringify({
        status: 404,
        code: 'route.not_found',
        detail: `no fake for ${request.method} ${url.pathname}`,
      }),
      {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      },
    );
  };
  const api = createProfiled({ baseUrl: 'http://profiled.test', fetch });
  return { api, requests };
}

export const readScopes = [
  'tenants:read',
  'users:read',
  'directories:read',
  'profiles:read',
  'assignments:read',
  'access:check',
  'audit:read',
  'credentials:read',
];

/** Renders `ui` signed in with `scopes`, acting in the demo tenant, over the fake routes. */
export function renderSignedIn(
  ui: ReactElement,
  { routes, scopes = readScopes }: { routes: Record<string, FakeRoute>; scopes?: string[] },
) {
  const fake = fakeProfiled(routes);
  const whoami: WhoAmI = {
    credentialId: 'cred-test',
    kind: 'session',
    principal: 'session:test',
    tenantId: demoTenantId,
    actingTenantId: demoTenantId,
    userId: 'b2184c95-bb2c-5c04-b03c-2e27f82cf62e',
    scopes,
    expiresAt: '2026-12-03T04:23:21.906Z',
  };
  const session: Session = {
    api: fake.api.inTenant(demoTenantId),
    whoami,
    tenant: demoTenantId,
    label: 'test',
  };
  const rendered = render(
    <SessionProvider session={session}>
      <MemoryRouter>{ui}</MemoryRouter>
    </SessionProvider>,
  );
  return { ...rendered, requests: fake.requests };
}

/** Only the requests to `path`. */
export const requestsTo = (requests: SeenRequest[], method: string, path: string) =>
  requests.filter((r) => r.method === method && r.path === path);

/**
 * A list route over `items` that understands the filters the console sends: `id eq "..." or ...`
 * (name look-ups) keeps those ids; any other filter keeps items whose `field` contains one of
 * its quoted values (searches).
 */
export function listOf<Item extends { id: string }>(items: Item[], field: keyof Item): FakeRoute {
  return ({ query }) => {
    const filter = query.get('filter');
    if (filter === null) return { items, nextCursor: null };
    const values = [...filter.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.toLowerCase());
    const kept = /^id eq /.test(filter)
      ? items.filter((item) => values.includes(item.id.toLowerCase()))
      : items.filter((item) => values.some((value) => String(item[field]).toLowerCase().includes(value)));
    return { items: kept, nextCursor: null };
  };
}

/** An element's accessible description, from the elements its aria-describedby names. */
export const descriptionOf = (element: Element): string =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .filter(Boolean)
    .join(' ');
