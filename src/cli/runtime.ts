import { buildAuthSettings, type AuthSettings } from '../auth/auth-settings.js';
import { compatApiNames } from '../compat/index.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../store/database.js';
import { migrateToLatest } from '../store/migrator.js';
import type { CoreContext } from '../core/context.js';
import { resolveMasterKey } from './master-key.js';

/** Config and a migrated database, as every command that touches data needs them. */
export async function openRuntime(
  env: NodeJS.ProcessEnv,
): Promise<{ config: Config; database: Database; ctx: CoreContext }> {
  const config = loadConfig(env, { compatApis: compatApiNames });
  const database = openDatabase({
    url: config.databaseUrl,
    sqliteSynchronous: config.sqliteSynchronous,
    poolSize: config.databasePoolSize,
  });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    config,
    database,
    ctx: {
      db: database.db,
      now: Date.now,
      actor: 'cli',
      origin: { source: 'cli', credentialId: null, userId: null, requestId: null },
    },
  };
}

/** The credential model's settings from configuration, over the runtime's database. */
export function authSettingsFor(config: Config, database: Database): AuthSettings {
  const masterKey = resolveMasterKey(config).key;
  return buildAuthSettings(database.db, { ...config, masterKey, issuer: config.publicUrl }, Date.now);
}
