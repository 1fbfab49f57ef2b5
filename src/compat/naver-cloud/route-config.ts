import type { FastifyContextConfig } from 'fastify';
import type { Scope } from '../../auth/scopes.js';

export interface NaverCloudRoutes {
  /** The config of a route needing `scope`; the tenant is the access key's. */
  config(scope: Scope): FastifyContextConfig;
  tags: string[];
  security: { [scheme: string]: string[] }[];
}
