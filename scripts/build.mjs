#!/usr/bin/env node
// Builds dist/: the CLI, src/cli/main.ts, and everything it imports, bundled by esbuild into a
// few files. A start then reads a handful of modules instead of about 1300 (typebox alone is 680
// ES modules, kysely 260), which was a third of the time to the first answer. Each command's code
// stays in chunks of its own, loaded only when it runs. The type check is tsc's (npm run build
// runs it first). `node scripts/build.mjs DIR` builds into DIR instead (emptied first), which
// then needs the project's package.json and node_modules in its parent to run.
//
// ES module packages are bundled. CommonJS ones (fastify and its plugins, pino, pg, better-sqlite3,
// ajv) are left to Node to load from node_modules, as before: some find files of their own beside
// their code (native bindings, the documentation's assets).
import { build } from 'esbuild';
import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `lodash/fp` -> `lodash`, `@scope/name/x` -> `@scope/name`. */
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** The real path of the package.json of `name` as Node finds it from directory `from`. */
function packageJsonPath(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      return realpathSync(join(dir, 'node_modules', name, 'package.json'));
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}

const commonJsPackages = {
  name: 'leave CommonJS packages to Node',
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = packageName(args.path);
      const manifest = packageJsonPath(name, args.resolveDir);
      if (manifest === undefined) return undefined; // a Node built-in without `node:`; esbuild knows
      if (JSON.parse(readFileSync(manifest, 'utf8')).type === 'module') return undefined;
      // dist/ finds a package from the project's root: it must be the one the importer got.
      if (manifest !== packageJsonPath(name, root)) {
        throw new Error(`${args.importer} imports a copy of ${name} of its own, which dist/ would not find`);
      }
      return { external: true };
    });
  },
};

const out = resolve(root, process.argv[2] ?? 'dist');
rmSync(out, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outdir: join(out, 'cli'),
  // Flat, so that dist/cli/*.js sit two levels below package.json, as src/cli's do (version.ts).
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  plugins: [commonJsPackages],
  logLevel: 'warning',
});
