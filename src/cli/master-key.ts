import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, type Config } from '../config.js';

/**
 * The master key: MASTER_KEY, or for a SQLite file a key kept beside it (`master.key`, mode
 * 0600), made on first start so the embedded default needs no set-up. PostgreSQL serves several
 * processes, which must share one key: there MASTER_KEY is required.
 */
export function resolveMasterKey(config: Config): { key: Buffer; source: string } {
  if (config.masterKey) return { key: config.masterKey, source: 'MASTER_KEY' };
  if (!config.databaseUrl.startsWith('sqlite:')) {
    throw new ConfigError(
      'MASTER_KEY is required with PostgreSQL: every process over the database must share it',
    );
  }
  const path = config.databaseUrl.slice('sqlite:'.length);
  if (path === '' || path === ':memory:')
    return { key: randomBytes(32), source: 'generated for this in-memory database' };
  const file = join(dirname(path), 'master.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new ConfigError(`${file} does not hold a 32-byte hex key`);
  return { key, source: file };
}
