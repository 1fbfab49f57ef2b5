import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { AuthSettings } from '../auth/auth-settings.js';
import { ensureClient, ensureRootTenant } from '../auth/bootstrap.js';
import { setPassword } from '../auth/password.service.js';
import { allScopes, readOnlyScopes } from '../auth/scopes.js';
import type { CoreContext } from '../core/context.js';
import { resolveTenantRef, wholeInstallation } from '../core/services/tenant.service.js';
import { findUserByUsername } from '../store/repositories/user.repository.js';
import { buildApp } from '../http/app.js';
import { isEmpty } from '../store/repositories/snapshot.repository.js';
import { cleanUp } from '../auth/housekeeping.js';
import { startPeriodicSync } from './periodic-sync.js';
import { createLogger } from './logger.js';
import { servesItself, superviseWorkers } from './workers.js';
import { authSettingsFor, openRuntime } from './runtime.js';
import { version } from './version.js';

/**
 * The demo's read-only client. Its secret is public on purpose: /docs fills it in, so a visitor
 * gets a token with one click; it can read and check access, never write.
 */
export const demoClient = { clientId: 'demo-reader', clientSecret: 'demo-reader-secret' };

/**
 * A demo user who can sign in with a password (e.g. for the Visier compat API's secure token).
 * Public on purpose, like the demo client: the sign-in grants the read-only scopes.
 */
export const demoLogin = {
  tenant: 'WFF_j1r',
  username: 'ada.lovelace',
  password: 'Demo-Password-2026',
  description: 'read-only',
};

/**
 * A second demo user, whose sign-in may write (every native scope), so a visitor can try the
 * console's and the API's writes too. Public on purpose: the demo holds made-up data and listens
 * on loopback unless HOST says otherwise.
 */
export const demoWriterLogin = {
  tenant: 'WFF_j1r',
  username: 'grace.hopper',
  password: 'Demo-Writer-2026',
  description: 'may read and write',
};

/**
 * Where the console's built files are: beside the bundled CLI (dist/console), or, run from the
 * sources, in the project's dist/.
 */
function consoleDirectory(): string {
  const bundled = fileURLToPath(new URL('../console/', import.meta.url));
  return existsSync(bundled) ? bundled : fileURLToPath(new URL('../../dist/console/', import.meta.url));
}

export async function serve(options: { demo: boolean }): Promise<void> {
  const { config, database, ctx } = await openRuntime(process.env);
  const logger = createLogger(config.logLevel);
  const auth = authSettingsFor(config, database);
  if (options.demo && (await isEmpty(database.db))) await loadDemo(ctx, auth, logger);
  const docsClient = options.demo ? demoClient : undefined;
  // The root tenant and the configured clients. A client secret someone chose is checked (or
  // hashed) with scrypt, tens of milliseconds on the thread pool: a process that serves builds its
  // app meanwhile, and listens once both are done.
  const bootstrap = (async () => {
    const root = await ensureRootTenant(ctx);
    if (config.adminClient) {
      const outcome = await ensureClient(ctx, auth, root, {
        ...config.adminClient,
        name: 'Administrator (PROFILED_ADMIN_CLIENT_ID)',
        scopes: allScopes,
      });
      logger.info({ clientId: config.adminClient.clientId, outcome }, 'admin client ready');
    }
    if (docsClient) {
      await ensureClient(ctx, auth, root, {
        ...docsClient,
        name: 'Read-only demo client',
        scopes: readOnlyScopes,
      });
    }
  })();
  // With WORKERS > 1, this process has prepared the database (migrations, the demo, the clients)
  // once, so that the workers, running this same command, find nothing left to do.
  if (!servesItself(config.workers)) {
    await bootstrap;
    await database.close();
    superviseWorkers(config.workers, logger, config.shutdownGraceMs);
    return;
  }
  const built = buildApp({
    db: database.db,
    logger,
    auth,
    rateLimit: config.authRateLimit,
    docsClient,
    bodyLimitBytes: config.bodyLimitBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    idempotencyTtlHours: config.idempotencyTtlHours,
    compatApis: config.compatApis,
    compatPrefixes: config.compatPrefixes,
    version,
    console: {
      directory: consoleDirectory(),
      demoLogins: options.demo ? [demoLogin, demoWriterLogin] : undefined,
    },
  });
  // A failure of either ends the command (and the process, main.ts), the other half-done.
  const [app] = await Promise.all([built, bootstrap]);

  // Ended sessions, old idempotency keys, rate-limit windows and used signatures, bounded per run,
  // once a minute.
  const policy = {
    idempotencyTtlMs: config.idempotencyTtlHours * 3_600_000,
    attemptWindowMs: 60_000,
    batch: 1000,
  };
  let cacheSeen = { hits: 0, misses: 0, invalidations: 0 };
  const housekeeping = setInterval(() => {
    // What the read cache did in the last minute (docs/performance.md), when it did anything.
    const cache = auth.reads?.stats();
    if (cache && cache.hits + cache.misses > cacheSeen.hits + cacheSeen.misses) {
      logger.info(
        {
          readCache: {
            hits: cache.hits - cacheSeen.hits,
            misses: cache.misses - cacheSeen.misses,
            invalidations: cache.invalidations - cacheSeen.invalidations,
            entries: cache.entries,
          },
          changes: database.changes.stats(),
        },
        'read cache, last minute',
      );
      cacheSeen = cache;
    }
    cleanUp(database.db, policy, Date.now())
      .then((removed) => {
        if (Object.values(removed).some((n) => n > 0)) logger.info({ removed }, 'housekeeping');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'housekeeping failed; the next run retries'));
  }, 60_000).unref();

  const stopSyncing =
    config.directorySyncIntervalSeconds > 0
      ? startPeriodicSync(
          {
            ...ctx,
            actor: 'directory-sync',
            origin: { source: 'directory-sync', credentialId: null, userId: null, requestId: null },
          },
          auth.sealer,
          config.directorySyncIntervalSeconds,
          logger,
        )
      : () => {};

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(housekeeping);
    stopSyncing();
    logger.info({ signal }, 'stopping: no new connections, finishing requests in flight');
    // If in-flight requests outlast the grace period, leave anyway.
    setTimeout(() => {
      logger.warn('grace period over: exiting with requests still in flight');
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    app
      .close()
      .then(() => database.close())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  // The demo's credentials are published: it listens on loopback only, unless HOST says otherwise.
  const host = config.host ?? (options.demo ? '127.0.0.1' : '0.0.0.0');
  await app.listen({ host, port: config.port });
}

/**
 * The demo dataset, into the empty database. Its code (the dataset, and the import, which
 * compiles the transfer document's validator as it loads) is loaded only then.
 */
export async function loadDemo(ctx: CoreContext, auth: AuthSettings, logger: Logger): Promise<void> {
  const [
    { demoDataset },
    { importDocument },
    { demoRoles },
    { createRole },
    { demoDirectory },
    { createDirectory },
    { writeSnapshot },
  ] = await Promise.all([
    import('./demo/demo-dataset.js'),
    import('../core/transfer/import.js'),
    import('./demo/demo-roles.js'),
    import('../core/services/role.service.js'),
    import('./demo/demo-directory.js'),
    import('../core/services/directory.service.js'),
    import('../core/services/directory-sync.service.js'),
  ]);
  const demo = { ...ctx, actor: 'demo' };
  const report = await importDocument(demo, demoDataset(Date.now()), { dryRun: false });
  // The role catalog is not part of the transfer document: the demo's roles are made here.
  for (const { tenant: code, role } of demoRoles) {
    const owner = await resolveTenantRef(demo, wholeInstallation, code);
    await createRole(demo, { id: owner.id, path: owner.path }, role);
  }
  // So is its directory: the connection, and the facts of a sync stored as if the server answered.
  const owner = await resolveTenantRef(demo, wholeInstallation, demoDirectory.tenant);
  const placed = { id: owner.id, path: owner.path };
  const directory = await createDirectory(demo, placed, auth.sealer, demoDirectory.connection);
  await writeSnapshot(demo, placed, directory, demoDirectory.snapshot, Date.now());
  for (const [login, scopes] of [
    [demoLogin, readOnlyScopes],
    [demoWriterLogin, allScopes],
  ] as const) {
    const tenant = await resolveTenantRef(demo, wholeInstallation, login.tenant);
    const user = await findUserByUsername(ctx.db, tenant.id, login.username);
    await setPassword(demo, auth, { id: tenant.id, path: tenant.path }, user!.id, {
      password: login.password,
      scopes,
      grantable: allScopes,
    });
  }
  logger.info({ counts: report.counts }, 'loaded the demo dataset into the empty database');
}
