import { readFileSync } from 'node:fs';

/** The package version, read once (src/cli and dist/cli both sit two levels below package.json). */
export const version: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
