import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { mainHelp } from '../../src/cli/help.js';
import { ConfigError, configVariables, loadConfig, numericSettings } from '../../src/config.js';

/** The README's configuration table: variable -> [default, meaning]. */
function readmeTable(): Map<string, [string, string]> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const rows = new Map<string, [string, string]>();
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`([A-Z_<>]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name) rows.set(name, [cells[2]!, cells[3]!]);
  }
  return rows;
}

test('the README documents every variable, and every number with its default and range', () => {
  const rows = readmeTable();
  for (const [name] of configVariables) assert.ok(rows.has(name), `README lacks ${name}`);
  for (const [name, range] of Object.entries(numericSettings)) {
    const [fallback, meaning] = rows.get(name)!;
    assert.equal(fallback, `\`${range.default}\``, `${name}'s default`);
    assert.ok(
      meaning.includes(`${range.min} to ${range.max}`),
      `${name}: "${meaning}" lacks ${range.min} to ${range.max}`,
    );
  }
});

test('--help shows each number with its range, and the ranges are what start-up enforces', () => {
  for (const [name, range] of Object.entries(numericSettings)) {
    assert.match(mainHelp, new RegExp(`${name} .*default ${range.default}, ${range.min} to ${range.max}`));
    const known = { compatApis: [] };
    assert.equal(loadConfig({ [name]: String(range.min) }, known) !== undefined, true);
    assert.throws(() => loadConfig({ [name]: String(range.max + 1) }, known), ConfigError);
    if (range.min > 0) assert.throws(() => loadConfig({ [name]: String(range.min - 1) }, known), ConfigError);
  }
});
