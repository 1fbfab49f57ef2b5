import Fastify from 'fastify';
import { visier } from '../../src/compat/visier/index.js';
import { createRateLimit } from '../../src/http/plugins/rate-limit.js';
import type { TestApp } from './app.js';

/**
 * Every route the Visier compat API registers (config.source 'visier'), as `METHOD /path/{param}`
 * in the reference's notation. Collected by an onRoute hook on a bare instance, since the app
 * under test is built before a test could add one; HEAD routes are Fastify's automatic ones.
 */
export async function visierRouteKeys(t: TestApp): Promise<string[]> {
  const app = Fastify();
  const keys: string[] = [];
  app.addHook('onRoute', (route) => {
    if (route.config?.source !== 'visier') return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    for (const method of methods) if (method !== 'HEAD') keys.push(`${method} ${path}`);
  });
  const limits = createRateLimit({ perAddress: 1, perClient: 1, windowMs: 1, now: Date.now });
  await app.register(visier.routes({ db: t.database.db, auth: t.auth, now: Date.now, limits }));
  await app.close();
  return [...new Set(keys)].sort();
}
