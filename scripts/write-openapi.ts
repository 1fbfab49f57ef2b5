// Writes docs/openapi.json from the route schemas. CI fails when the committed file drifts
// (test/http/openapi.test.ts): run `npm run openapi` after changing a route.
import { writeFile } from 'node:fs/promises';
import { openApiDocument } from '../test/support/openapi.js';

await writeFile('docs/openapi.json', `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
console.log('wrote docs/openapi.json');
