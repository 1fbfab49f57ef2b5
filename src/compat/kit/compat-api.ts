import type { FastifyPluginAsync } from 'fastify';
import type { TSchema } from 'typebox';
import type { AuthSettings } from '../../auth/auth-settings.js';
import type { RateLimit } from '../../http/plugins/rate-limit.js';
import type { Executor } from '../../store/executor.js';
import type { ErrorShape } from './error-shape.js';

/** What every compat API's routes are built with. */
export interface CompatDependencies {
  db: Executor;
  auth: AuthSettings;
  now: () => number;
  /** The limits of the credential-checking endpoints, shared with the native ones. */
  limits: RateLimit;
}

/** An OpenAPI security scheme object, as the document shows it. */
export type SecurityScheme = Readonly<Record<string, unknown>> & { type: string };

/**
 * One vendor's API as the registry (`src/compat/index.ts`) lists it: everything the app needs to
 * serve it, document it and keep it apart from the other APIs.
 */
export interface CompatApi {
  /** Its word in COMPAT_APIS and, upper-cased with `-` as `_`, in COMPAT_PREFIX_<NAME>. */
  name: string;
  /** How people call the vendor's API, e.g. "Visier". */
  title: string;
  /**
   * The path prefixes it owns (before any configured mount prefix). Every route it registers
   * lies under one, and no other API may own an overlapping one.
   */
  prefixes: readonly string[];
  /**
   * The vendor matches these paths exactly as cased, so a prefix of another API that differs
   * only in case is another path. Default false: prefixes are compared ignoring case.
   */
  caseSensitive?: boolean;
  /** Its tags and security schemes in the OpenAPI document. */
  openapi: {
    tags: readonly { name: string; description: string }[];
    securitySchemes: Readonly<Record<string, SecurityScheme>>;
  };
  /**
   * Its error body: the app answers in it what no route of the API answers (an unknown path under
   * its prefixes, a URL the router cannot read). None: those are problem+json.
   */
  errors?: ErrorShape;
  /** Schemas its routes refer to by `$id` (its error body), registered once on the app. */
  schemas: readonly TSchema[];
  /** Its routes, hooks and error handler, registered in a scope of their own. */
  routes: (deps: CompatDependencies) => FastifyPluginAsync;
}
