import formBody from '@fastify/formbody';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RouteOptions,
} from 'fastify';
import type { Logger } from 'pino';
import { newId } from '../core/ids.js';
// The composition root: the one file of http/ that knows the compat APIs, through their registry.
import { compatApis, errorShapeOfPath, mountCompatApis, type CompatApi } from '../compat/index.js';
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Executor } from '../store/executor.js';
import { registerAuthentication } from './plugins/authentication.js';
import { createRateLimit } from './plugins/rate-limit.js';
import { credentialRoutes } from './routes/auth/credentials.js';
import { oauthRoutes } from './routes/auth/oauth.js';
import { sessionRoutes } from './routes/auth/sessions.js';
import { auditRoutes } from './routes/v1/audit-events.js';
import { registerActingTenant } from './plugins/acting-tenant.js';
import { jsonDepthWithin, MAX_JSON_DEPTH } from './json-depth.js';
import { registerErrorHandling, sendProblem, type UnroutedErrorSender } from './plugins/error-handler.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { declareInputErrors } from './plugins/input-errors.js';
import { registerStatusCodeGuard } from './plugins/status-code-guard.js';
import { registerOpenApi } from './openapi.js';
import { problem } from './problem.js';
import { healthRoutes } from './routes/health.js';
import { accessRoutes } from './routes/v1/access.js';
import { assignmentRoutes } from './routes/v1/assignments.js';
import { checkoutRoutes } from './routes/v1/checkouts.js';
import { groupRoutes } from './routes/v1/groups.js';
import { labelRoutes } from './routes/v1/labels.js';
import { roleRoutes } from './routes/v1/roles.js';
import { directoryRoutes } from './routes/v1/directories.js';
import { complianceRoutes } from './routes/v1/compliance.js';
import {
  AccountComplianceSchema,
  DirectorySchema,
  RemediationSchema,
  SyncReportSchema,
} from './schemas/directory.js';
import { profileSessionRoutes } from './routes/v1/profile-sessions.js';
import { permissionRoutes } from './routes/v1/permissions.js';
import { profileRoutes } from './routes/v1/profiles.js';
import { resourceTypeRoutes } from './routes/v1/resource-types.js';
import { tenantRoutes } from './routes/v1/tenants.js';
import { userRoutes } from './routes/v1/users.js';
import { ProblemSchema, problemRef } from './schemas/common.js';
import {
  AssignmentSchema,
  CapabilitySchema,
  CheckoutSchema,
  CatalogPermissionSchema,
  GroupSchema,
  LabelSchema,
  RoleSchema,
  PermissionVersionSchema,
  ProfileSchema,
  ResourceTypeSchema,
  TenantSchema,
  UserSchema,
} from './schemas/resources.js';
import { schemaCompilers } from './validation.js';
import { registerConsole, type ConsoleOptions } from './console.js';

export interface AppOptions {
  db: Executor;
  auth: AuthSettings;
  /** Attempts per minute on the token and sign-in endpoints. */
  rateLimit: { perAddress: number; perClient: number };
  /** A read-only client whose id and secret /docs fills in (the demo). */
  docsClient?: { clientId: string; clientSecret: string } | undefined;
  logger: Logger | false;
  bodyLimitBytes: number;
  /** How long a request may take to arrive, headers and body (default 30 s); then 408. */
  requestTimeoutMs?: number;
  idempotencyTtlHours: number;
  version: string;
  now?: () => number;
  /** The names of the vendor compat APIs to serve (default: all in the registry). */
  compatApis?: readonly string[];
  /** Per compat API name, a path prefix to serve it under instead of its vendor's own paths. */
  compatPrefixes?: Readonly<Record<string, string>>;
  /** Tests: the compat APIs to choose from, instead of the registry (a vendor under construction). */
  compatRegistry?: readonly CompatApi[];
  /** Tests: answer 500 when a route sends a status its schema does not declare. */
  strictStatusCodes?: boolean;
  /**
   * Compile every route's validators and serializers at ready() instead of on each's first use
   * (tests: proves they all compile).
   */
  compileSchemasAtStart?: boolean;
  /** The browser console's files and the demo's sign-in, served at /console. */
  console?: ConsoleOptions | undefined;
  /** Tests: sees every route as it is registered (the security suite derives its list from it). */
  onRoute?: (route: RouteOptions) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A pino logger at level silent; Fastify's stand-in when logging is off has no levels to ask. */
const silent = (logger: FastifyBaseLogger) =>
  (logger as Partial<Pick<Logger, 'isLevelEnabled'>>).isLevelEnabled?.('fatal') === false;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const registry = options.compatRegistry ?? compatApis;
  const compat = registry.filter((api) => (options.compatApis ?? [api.name]).includes(api.name));
  const compatPrefixes = options.compatPrefixes ?? {};
  // What no route answers is answered in the shape of the API owning the path.
  const unrouted: UnroutedErrorSender = (request, reply, body) => {
    const shape = errorShapeOfPath(compat, compatPrefixes, request.url);
    return shape ? shape.send(reply, body) : sendProblem(reply, body);
  };
  const app = Fastify({
    ...(options.logger === false ? { logger: false } : { loggerInstance: options.logger }),
    bodyLimit: options.bodyLimitBytes,
    // A client that sends its request slowly (a byte every few seconds) holds a socket only this
    // long; Node checks open requests against it every second.
    requestTimeout: requestTimeoutMs,
    http: { headersTimeout: requestTimeoutMs, connectionsCheckingInterval: 1000 },
    // A well-formed X-Request-Id from a proxy is kept, so one id follows a request across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // A logger that writes nothing (LOG_LEVEL=silent) serves every request as it is: a child per
    // request (with its redaction set up) would cost each one for lines never written.
    childLoggerFactory: (logger, bindings, childOptions) =>
      silent(logger) ? logger : logger.child(bindings, childOptions),
    return503OnClosing: true,
    // One validator for every route of every plugin. (app.setValidatorCompiler reaches a plugin's
    // routes only until something rebuilds its compiler from the factory: the routes of some
    // plugins were validated by Fastify's default Ajv, which let limit=Infinity through.)
    // Validators and serializers compile on their first use unless told to at start.
    // (Fastify types the factory after its own Ajv compiler; any FastifySchemaCompiler works.)
    schemaController: {
      compilersFactory: schemaCompilers({ lazy: !options.compileSchemasAtStart }) as never,
    },
    // A URL the router cannot decode (bad percent-encoding) is a problem+json 400 too.
    frameworkErrors: (error, request, reply) => {
      void unrouted(request, reply, problem('request.malformed', error.message, request.id));
    },
  }) as unknown as FastifyInstance;

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  // A callback hook, not an async one: no promise on every request for setting a header.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  for (const schema of [
    ProblemSchema,
    TenantSchema,
    UserSchema,
    GroupSchema,
    ProfileSchema,
    AssignmentSchema,
    CapabilitySchema,
    CheckoutSchema,
    ResourceTypeSchema,
    PermissionVersionSchema,
    CatalogPermissionSchema,
    LabelSchema,
    RoleSchema,
    SyncReportSchema,
    DirectorySchema,
    AccountComplianceSchema,
    RemediationSchema,
  ]) {
    app.addSchema(schema);
  }
  const now = options.now ?? Date.now;
  registerErrorHandling(app, unrouted);
  // Every native route that validates input can answer 400; each compat API declares its own.
  declareInputErrors(app, problemRef, (route) => route.config?.source === undefined);
  await app.register(formBody);
  // Many clients (Britive's SDK, NAVER Cloud's signers) send Content-Type: application/json on a
  // DELETE or GET without a body: an empty JSON body is no body, not a 400. A route that needs a
  // body still refuses it, by its schema.
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else if (!jsonDepthWithin(body as string)) {
      const refused = new Error(`the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
      done(Object.assign(refused, { statusCode: 400 }), undefined);
    }
    // The default parser answers through `done`; what it returns means nothing here.
    else void json(request, body as string, done);
  });
  registerAuthentication(app, { db: options.db, settings: options.auth, now });
  // Idempotency first: the acting tenant's hook goes before its claim in each route's preHandlers.
  registerIdempotency(app, options.idempotencyTtlHours);
  registerActingTenant(app, { db: options.db, now, reads: options.auth.reads });
  if (options.strictStatusCodes) registerStatusCodeGuard(app);
  for (const api of compat) for (const schema of api.schemas) app.addSchema(schema);
  // What the native API claims, from its routes, so that no compat API may overlap it.
  const nativeUrls: string[] = [];
  let native = true;
  app.addHook('onRoute', (route) => void (native && nativeUrls.push(route.url)));
  await registerOpenApi(app, options.version, options.docsClient, compat);
  if (options.console) await registerConsole(app, options.console);
  const limits = createRateLimit({ ...options.rateLimit, db: options.db, windowMs: 60_000, now });

  await app.register(healthRoutes);
  await app.register(tenantRoutes);
  userRoutes(app);
  groupRoutes(app);
  profileRoutes(app);
  await app.register(assignmentRoutes);
  await app.register(checkoutRoutes);
  await app.register(resourceTypeRoutes);
  await app.register(permissionRoutes);
  await app.register(labelRoutes);
  await app.register(roleRoutes);
  await app.register(directoryRoutes(options.auth));
  await app.register(complianceRoutes(options.auth));
  await app.register(accessRoutes);
  await app.register(oauthRoutes(options.auth, limits));
  await app.register(sessionRoutes(options.auth, limits));
  await app.register(profileSessionRoutes(options.auth));
  credentialRoutes(app, options.auth);
  await app.register(auditRoutes);
  native = false;
  await mountCompatApis(app, compat, {
    prefixes: compatPrefixes,
    nativeUrls,
    deps: { db: options.db, auth: options.auth, now, limits },
  });
  return app;
}
