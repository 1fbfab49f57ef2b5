import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { layerRules } from '../../eslint.layers.js';

const root = new URL('../..', import.meta.url).pathname;

/** A compat folder with two vendors, as the tree will have once a second one lands. */
const twoVendors = mkdtempSync(join(tmpdir(), 'profiled-compat-'));
for (const folder of ['kit', 'visier', 'cisco-xdr']) mkdirSync(join(twoVendors, folder));
after(() => rmSync(twoVendors, { recursive: true, force: true }));

/** The messages of the layer rules (only they, parsed without types) for `code` at `filePath`. */
async function violations(compatDir: string, filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      ...layerRules(compatDir),
    ],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test('a vendor importing another vendor fails the lint; its own folder and the kit pass', async () => {
  const file = 'src/compat/visier/routes/profiles.ts';
  const other = await violations(twoVendors, file, "import { x } from '../../cisco-xdr/errors.js';");
  assert.match(other.join(), /A vendor never imports another vendor/);
  const own = await violations(
    twoVendors,
    file,
    "import { x } from '../errors.js';\nimport { y } from '../../kit/error-shape.js';",
  );
  assert.deepEqual(own, []);
});

test('a vendor reaches http/ only through the kit, and the store only for types', async () => {
  const file = 'src/compat/visier/routes/tokens.ts';
  const http = await violations('src/compat', file, "import { x } from '../../../http/problem.js';");
  assert.match(http.join(), /reaches http\/ only through src\/compat\/kit/);
  const store = await violations('src/compat', file, "import { x } from '../../../store/executor.js';");
  assert.match(store.join(), /calls core, not the store/);
  const type = await violations('src/compat', file, "import type { X } from '../../../store/executor.js';");
  assert.deepEqual(type, []);
});

test('http/ importing a vendor fails the lint; only the composition root takes the registry', async () => {
  const route = await violations(
    'src/compat',
    'src/http/routes/v1/users.ts',
    "import { visier } from '../../../compat/visier/index.js';",
  );
  assert.match(route.join(), /http\/ knows no compat API/);
  const registryElsewhere = await violations(
    'src/compat',
    'src/http/openapi.ts',
    "import { compatApis } from '../compat/index.js';",
  );
  assert.match(registryElsewhere.join(), /http\/ knows no compat API/);
  const rootToVendor = await violations(
    'src/compat',
    'src/http/app.ts',
    "import { visier } from '../compat/visier/index.js';",
  );
  assert.match(rootToVendor.join(), /from the registry \(compat\/index.js\) only/);
  const rootToRegistry = await violations(
    'src/compat',
    'src/http/app.ts',
    "import { compatApis } from '../compat/index.js';",
  );
  assert.deepEqual(rootToRegistry, []);
});

test('the kit imports no vendor and not the registry', async () => {
  const file = 'src/compat/kit/error-shape.ts';
  assert.match(
    (await violations(twoVendors, file, "import { x } from '../visier/errors.js';")).join(),
    /imports none/,
  );
  assert.match((await violations(twoVendors, file, "import { x } from '../index.js';")).join(), /registry/);
});

test("the project's ESLint config applies these rules", async () => {
  const eslint = new ESLint({ cwd: root });
  const config = (await eslint.calculateConfigForFile('src/http/routes/v1/users.ts')) as {
    rules: Record<string, unknown>;
  };
  assert.match(JSON.stringify(config.rules['no-restricted-imports']), /http\/ knows no compat API/);
});
