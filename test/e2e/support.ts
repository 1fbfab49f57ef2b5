import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, afterEach, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createProfiled, type Profiled } from '@profiled/sdk';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { ensureClient, ensureRootTenant } from '../../src/auth/bootstrap.js';
import { readOnlyScopes } from '../../src/auth/scopes.js';
import { createLogger } from '../../src/cli/logger.js';
import { demoClient, demoLogin, demoWriterLogin, loadDemo } from '../../src/cli/serve.js';
import type { CoreContext } from '../../src/core/context.js';
import type { DatabaseKind } from '../../src/store/database.js';
import { buildApp } from '../../src/http/app.js';
import { testAppOptions, testAuthSettings } from '../support/app.js';
import { openTestDatabase, testDatabaseKinds } from '../support/databases.js';

// The console's end-to-end tests: the built console (dist/console) served by a real profiled
// over a fresh test database holding the demo dataset, driven by Debian's Chromium, headless.
// scripts/test.mjs says loudly when Chromium is missing (and fails under CI), and fails when
// the console is not built.

const root = fileURLToPath(new URL('../..', import.meta.url));
export const consoleDirectory = join(root, 'dist/console');
export const chromiumPath = process.env.PROFILED_TEST_CHROMIUM ?? '/usr/bin/chromium';
/** Where screenshots go: test-results/ (not committed; docs/console/ keeps a few). */
export const screenshotDirectory = join(root, 'test-results');

/** Why the suite cannot run here, or undefined when it can. */
export const skipReason = !existsSync(chromiumPath)
  ? `no Chromium at ${chromiumPath}`
  : !existsSync(join(consoleDirectory, 'index.html'))
    ? 'the console is not built: run `npm run build`'
    : undefined;

export { demoClient, demoLogin, demoWriterLogin };

export interface ConsoleServer {
  /** Where the server answers, e.g. http://127.0.0.1:41234 */
  base: string;
  kind: DatabaseKind;
  /** An SDK client signed in as the demo's writer, for changes made beside the browser. */
  api: Profiled;
  browser: Browser;
}

/**
 * Declares `suite` once per test database: a profiled over a fresh database with the demo
 * loaded, listening on a free port, and one Chromium for the suite.
 */
export function forEachConsole(name: string, suite: (server: () => ConsoleServer) => void): void {
  for (const kind of testDatabaseKinds()) {
    void describe(`${name} [${kind}]`, { skip: skipReason }, () => {
      let current: ConsoleServer | undefined;
      const closers: (() => Promise<void>)[] = [];
      before(async () => {
        const database = await openTestDatabase(kind);
        closers.unshift(() => database.close());
        const auth = testAuthSettings(database.db);
        const ctx: CoreContext = {
          db: database.db,
          now: Date.now,
          actor: 'e2e',
          origin: { source: 'test', credentialId: null, userId: null, requestId: null },
        };
        // As `serve --demo` does: the dataset, the demo's sign-ins and its read-only client.
        await loadDemo(ctx, auth, createLogger('silent'));
        const rootTenant = await ensureRootTenant(ctx);
        await ensureClient(ctx, auth, rootTenant, {
          ...demoClient,
          name: 'Read-only demo client',
          scopes: readOnlyScopes,
        });
        const app = await buildApp(
          testAppOptions(database.db, auth, {
            console: { directory: consoleDirectory, demoLogins: [demoLogin, demoWriterLogin] },
          }),
        );
        closers.unshift(() => app.close());
        await app.listen({ host: '127.0.0.1', port: 0 });
        const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
        closers.unshift(() => browser.close());
        const { tenant, username, password } = demoWriterLogin;
        const api = createProfiled({ baseUrl: base, credentials: { tenant, username, password } });
        current = { base, kind, api, browser };
      });
      // A test that failed left its tab open (close() is its last step): say what the tab showed.
      afterEach(async (t) => {
        for (const tab of [...openTabs]) await reportLeftOpen(tab, `${kind}-${t.name}`);
      });
      after(async () => {
        for (const close of closers) await close();
      });
      suite(() => {
        if (!current) throw new Error('the console server is not ready');
        return current;
      });
    });
  }
}

/** The tabs of tests still running, or of tests that failed before closing theirs. */
const openTabs = new Set<{ page: Page; context: BrowserContext }>();

/**
 * Prints the address and the text of a tab a failed test left open, keeps a screenshot of it as
 * test-results/failed-<test>.png, and closes it: a timeout alone says only what it waited for.
 */
async function reportLeftOpen(tab: { page: Page; context: BrowserContext }, testName: string): Promise<void> {
  openTabs.delete(tab);
  try {
    mkdirSync(screenshotDirectory, { recursive: true });
    const path = join(
      screenshotDirectory,
      `failed-${testName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 80)}.png`,
    );
    await tab.page.screenshot({ path });
    const text = (await tab.page.locator('body').innerText()).slice(0, 2000);
    console.error(`The failed test's tab, at ${tab.page.url()} (screenshot ${path}):\n${text}`);
  } catch (error) {
    console.error(`The failed test's tab could not be shown: ${String(error)}`);
  } finally {
    await tab.context.close().catch(() => undefined);
  }
}

/** A failed request the test expects (its status and a part of its URL), so the console's error for it is no fault. */
export interface ExpectedFailure {
  status: number;
  url: string | RegExp;
}

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Allows the browser's error line for one failed request the test provokes on purpose. */
  expectFailure: (failure: ExpectedFailure) => void;
  /** Fails on any error the browser reported (console errors, uncaught exceptions), then closes. */
  close: () => Promise<void>;
}

/**
 * A fresh browser tab (its own storage: no session from another test) at 1280x800 that records
 * every console error and uncaught exception, and every failed response with its status.
 */
export async function openPage(server: ConsoleServer): Promise<ConsolePage> {
  const context = await server.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const tab = { page, context };
  openTabs.add(tab);
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  const failures: { status: number; url: string }[] = [];
  const expected: ExpectedFailure[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push({ status: response.status(), url: response.url() });
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    // The browser's own line for a failed request: no fault when the test provoked that failure.
    const status = /status of (\d+)/.exec(message.text())?.[1];
    const provoked =
      status !== undefined &&
      expected.some(
        (failure) =>
          failure.status === Number(status) &&
          (typeof failure.url === 'string' ? url.includes(failure.url) : failure.url.test(url)),
      );
    if (!provoked) errors.push(`console: ${message.text()} (${url})`);
  });
  return {
    page,
    context,
    expectFailure: (failure) => void expected.push(failure),
    close: async () => {
      openTabs.delete(tab);
      await context.close();
      const unexpected = failures.filter(
        (failure) =>
          !expected.some(
            (e) =>
              e.status === failure.status &&
              (typeof e.url === 'string' ? failure.url.includes(e.url) : e.url.test(failure.url)),
          ),
      );
      assert.deepEqual(errors, [], 'the browser reported errors');
      assert.deepEqual(unexpected, [], 'requests failed');
    },
  };
}

/** Opens the console and signs in with a password (the sign-in form, as a person does). */
export async function signInWithPassword(
  server: ConsoleServer,
  page: Page,
  login: { tenant: string; username: string; password: string },
): Promise<void> {
  await page.goto(`${server.base}/console/`);
  await page.getByLabel('Tenant (code or id)').fill(login.tenant);
  await page.getByLabel('Username').fill(login.username);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

/** Opens the console and signs in as an OAuth client (client credentials). */
export async function signInWithClient(
  server: ConsoleServer,
  page: Page,
  client: { clientId: string; clientSecret: string },
): Promise<void> {
  await page.goto(`${server.base}/console/`);
  await page.getByRole('tab', { name: 'OAuth client' }).click();
  await page.getByLabel('Client id').fill(client.clientId);
  await page.getByLabel('Client secret').fill(client.clientSecret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

/** Waits until the page says it is loading nothing more (no "Loading…" status left). */
export async function settled(page: Page, timeoutMs = 10_000): Promise<void> {
  const loading = page.getByRole('status').filter({ hasText: /^Loading/ });
  const until = Date.now() + timeoutMs;
  while ((await loading.count()) > 0) {
    if (Date.now() > until) throw new Error(`still loading after ${timeoutMs} ms: ${page.url()}`);
    await page.waitForTimeout(50);
  }
}

/** Runs `check` until it passes (the page catches up with a click), failing with its last error. */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A screenshot of the viewport (1280x800) as test-results/<name>.png, once the page settled. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await settled(page);
  mkdirSync(screenshotDirectory, { recursive: true });
  const path = join(screenshotDirectory, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Clicks a link of the navigation and waits for its page. */
export async function goTo(page: Page, label: string): Promise<void> {
  const link = page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: label, exact: true });
  await link.click();
  // The router renders the new page in a transition: until it commits (the link marked current
  // with it), the old page's fields are still there for the next locator to find.
  await eventually(async () => assert.equal(await link.getAttribute('aria-current'), 'page'));
  await settled(page);
}

let names = 0;
/** A unique name, so tests sharing a database never collide. */
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${(names += 1)}`;
