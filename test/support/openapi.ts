import { buildApp } from '../../src/http/app.js';
import { openDatabase } from '../../src/store/database.js';

/** The OpenAPI document the code generates (version pinned, so it does not churn with releases). */
export async function openApiDocument(): Promise<unknown> {
  const database = openDatabase({ url: 'sqlite::memory:' });
  const app = await buildApp({
    db: database.db,
    logger: false,
    bodyLimitBytes: 1024,
    idempotencyTtlHours: 1,
    version: '1',
  });
  await app.ready();
  const document = app.swagger();
  await app.close();
  await database.close();
  return JSON.parse(JSON.stringify(document)) as unknown;
}
