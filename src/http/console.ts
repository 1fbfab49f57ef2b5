import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A published sign-in of the demo, and what it may do. */
export interface DemoLogin {
  tenant: string;
  username: string;
  password: string;
  /** Said beside it on the sign-in page, e.g. "read-only". */
  description: string;
}

export interface ConsoleOptions {
  /** The console's built files (index.html and assets/), as `npm run build` writes them. */
  directory: string;
  /** Sign-ins the console's sign-in page shows and fills in (the demo's, published on purpose). */
  demoLogins?: readonly DemoLogin[] | undefined;
}

/**
 * Serves the browser console at /console: its files as they are, hashed assets cached for good,
 * and index.html for every other path below /console, so the console's own routes survive a
 * reload. The console calls the API like any client, with the credential it signs in with.
 */
export async function registerConsole(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const index = join(options.directory, 'index.html');
  if (!existsSync(index)) {
    app.get('/console', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .code(404)
        .type('text/plain')
        .send('The console is not built here: run `npm run build` (npm ci runs it).'),
    );
    return;
  }
  const assets = join(options.directory, 'assets');
  await app.register(fastifyStatic, {
    root: options.directory,
    prefix: '/console/',
    wildcard: false,
    index: false,
    // Assets are named by their content's hash: a new build has new names.
    setHeaders: (response, path) => {
      response.header(
        'cache-control',
        path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const page = { schema: { hide: true } };
  // An empty list outside the demo, not a 404: the sign-in page asks on every server, and a 404
  // would be an error in every browser's console.
  app.get('/console/demo-login.json', page, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(options.demoLogins ?? []),
  );
  app.get('/console', page, async (_request, reply) => reply.redirect('/console/'));
  app.get('/console/', page, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
  app.get('/console/assets/*', page, async (_request, reply) => reply.callNotFound());
  app.get('/console/*', page, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
}
