import type { FastifyInstance } from 'fastify';
import type { CompatDependencies } from '../../kit/compat-api.js';
import { jwksRoute } from '../../kit/token-endpoint.js';
import { tags } from '../route-config.js';

/** GET /.well-known/jwks: Cisco's path for the keys that verify its tokens (profiled's stays too). */
export function jwksRoutes(app: FastifyInstance, deps: CompatDependencies): void {
  jwksRoute(app, {
    url: '/.well-known/jwks',
    tags: tags.authentication,
    summary: 'The public keys that verify access tokens (the same as /.well-known/jwks.json)',
    source: 'cisco-xdr',
    keys: deps.auth.keys,
  });
}
