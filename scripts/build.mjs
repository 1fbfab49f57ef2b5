#!/usr/bin/env node
// Builds dist/: the CLI, src/cli/main.ts, and everything it imports, bundled by esbuild into a
// few files. A start then reads a handful of modules instead of about 1700 (typebox alone is 680
// ES modules, kysely 260, yaml 70, ajv 60), which was a third of the time to the first answer.
// Each command's code stays in chunks of its own, loaded only when it runs. The type check is
// tsc's (npm run build runs it first). `node scripts/build.mjs DIR` builds into DIR instead
// (emptied first), which then needs the project's package.json and node_modules in its parent.
import { build } from 'esbuild';
import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packages Node loads from node_modules, as before, because they find files of their own beside
 * their code: a native binding (better-sqlite3), the documentation's assets (@fastify/swagger-ui,
 * with @fastify/static, which the console's files are served by too),
 * worker threads started by file (pino's transports), an optional native driver (pg-native). And
 * yaml, which @fastify/swagger-ui loads from there anyway: one copy of it rather than two.
 */
const external = ['better-sqlite3', '@fastify/swagger-ui', '@fastify/static', 'pino', 'pg', 'yaml'];

/**
 * Bundled code that names its own location, which a bundle does not keep; each one checked:
 * @fastify/swagger reads its package.json for the document's default title and version, falls
 * back to none, and ours are always given.
 */
const locationReaders = new Set(['@fastify/swagger/lib/util/read-package-json.js']);

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

const externalPackages = {
  name: 'external packages',
  setup(context) {
    const filter = new RegExp(`^(${external.join('|')})(/|$)`);
    context.onResolve({ filter }, (args) => {
      const name = filter.exec(args.path)[1];
      // dist/ finds them from the project's root: it must be the copy the importer got.
      if (packageJsonPath(name, args.resolveDir) !== packageJsonPath(name, root)) {
        throw new Error(`${args.importer} imports a copy of ${name} of its own, which dist/ would not find`);
      }
      return { external: true };
    });
  },
};

const out = resolve(root, process.argv[2] ?? 'dist');
rmSync(out, { recursive: true, force: true });
const result = await build({
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
  // Node keeps each module's source in memory (functions are compiled when first called): without
  // whitespace and with shorter syntax, idle memory is about 7 MB smaller. Names are kept, so a
  // stack trace still says which function; NODE_OPTIONS=--enable-source-maps maps it to src/.
  minifyWhitespace: true,
  minifySyntax: true,
  // The bundled CommonJS packages require Node's modules (and the external ones) at run time.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  plugins: [externalPackages],
  metafile: true,
  logLevel: 'warning',
});

const problems = [...result.warnings.map((w) => w.text)];
for (const input of Object.keys(result.metafile.inputs)) {
  const inPackage = /node_modules\/(.*)$/.exec(input)?.[1];
  if (inPackage === undefined || locationReaders.has(inPackage)) continue;
  if (/\b(__dirname|__filename)\b|\brequire\.resolve\b/.test(readFileSync(join(root, input), 'utf8'))) {
    problems.push(`${inPackage} names its own location: make its package external, or check it and list it`);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
