import { buildApp } from '../../src/http/app.js';
import { openDatabase } from '../../src/store/database.js';
import { testAppOptions, testAuthSettings } from './app.js';

/** The OpenAPI document the code generates (version pinned, so it does not churn with releases). */
export async function openApiDocument(): Promise<unknown> {
  const database = openDatabase({ url: 'sqlite::memory:' });
  const app = await buildApp(
    testAppOptions(database.db, testAuthSettings(database.db), { version: '1', strictStatusCodes: false }),
  );
  await app.ready();
  const document = app.swagger();
  await app.close();
  await database.close();
  return JSON.parse(JSON.stringify(document)) as unknown;
}
