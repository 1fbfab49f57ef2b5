import formBody from '@fastify/formbody';
import Fastify, { LogController, type FastifyInstance, type RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import { newId } from '../core/ids.js';
import { visierApi } from '../compat/visier/index.js';
import { VisierStatusSchema } from '../compat/visier/errors.js';
import { compatApiNames, type CompatApi } from '../config.js';
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Executor } from '../store/executor.js';
import { registerAuthentication } from './plugins/authentication.js';
import { createRateLimit } from './plugins/rate-limit.js';
import { credentialRoutes } from './routes/auth/credentials.js';
import { oauthRoutes } from './routes/auth/oauth.js';
import { sessionRoutes } from './routes/auth/sessions.js';
import { auditRoutes } from './routes/v1/audit-events.js';
import { registerActingTenant } from './plugins/acting-tenant.js';
import { registerErrorHandling } from './plugins/error-handler.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerStatusCodeGuard } from './plugins/status-code-guard.js';
import { registerOpenApi } from './openapi.js';
import { healthRoutes } from './routes/health.js';
import { accessRoutes } from './routes/v1/access.js';
import { assignmentRoutes } from './routes/v1/assignments.js';
import { groupRoutes } from './routes/v1/groups.js';
import { profileRoutes } from './routes/v1/profiles.js';
import { tenantRoutes } from './routes/v1/tenants.js';
import { userRoutes } from './routes/v1/users.js';
import { ProblemSchema } from './schemas/common.js';
import {
  AssignmentSchema,
  CapabilitySchema,
  GroupSchema,
  ProfileSchema,
  TenantSchema,
  UserSchema,
} from './schemas/resources.js';
import { validatorCompiler } from './validation.js';

export interface AppOptions {
  db: Executor;
  auth: AuthSettings;
  /** Attempts per minute on the token and sign-in endpoints. */
  rateLimit: { perAddress: number; perClient: number };
  /** A read-only client whose id and secret /docs fills in (the demo). */
  docsClient?: { clientId: string; clientSecret: string } | undefined;
  logger: Logger | false;
  bodyLimitBytes: number;
  idempotencyTtlHours: number;
  version: string;
  now?: () => number;
  /** The vendor compat APIs to serve (default: all). */
  compatApis?: readonly CompatApi[];
  /** Tests: answer 500 when a route sends a status its schema does not declare. */
  strictStatusCodes?: boolean;
  /** Tests: sees every route as it is registered (the security suite derives its list from it). */
  onRoute?: (route: RouteOptions) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger === false ? { logger: false } : { loggerInstance: options.logger }),
    bodyLimit: options.bodyLimitBytes,
    // A well-formed X-Request-Id from a proxy is kept, so one id follows a request across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    return503OnClosing: true,
  }) as unknown as FastifyInstance;

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  for (const schema of [
    ProblemSchema,
    VisierStatusSchema,
    TenantSchema,
    UserSchema,
    GroupSchema,
    ProfileSchema,
    AssignmentSchema,
    CapabilitySchema,
  ]) {
    app.addSchema(schema);
  }
  const now = options.now ?? Date.now;
  registerErrorHandling(app);
  await app.register(formBody);
  registerAuthentication(app, { db: options.db, settings: options.auth, now });
  registerActingTenant(app, { db: options.db, now });
  registerIdempotency(app, options.idempotencyTtlHours);
  if (options.strictStatusCodes) registerStatusCodeGuard(app);
  await registerOpenApi(app, options.version, options.docsClient);
  const limits = createRateLimit({ ...options.rateLimit, windowMs: 60_000, now });

  await app.register(healthRoutes);
  await app.register(tenantRoutes);
  userRoutes(app);
  groupRoutes(app);
  profileRoutes(app);
  await app.register(assignmentRoutes);
  await app.register(accessRoutes);
  await app.register(oauthRoutes(options.auth, limits));
  await app.register(sessionRoutes(options.auth, limits));
  credentialRoutes(app, options.auth);
  await app.register(auditRoutes);
  const compat = new Set(options.compatApis ?? compatApiNames);
  if (compat.has('visier'))
    await app.register(visierApi({ db: options.db, auth: options.auth, now, limits }));
  return app;
}
