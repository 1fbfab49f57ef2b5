export { createProfiled, ifMatch, idempotencyKey } from './client.js';
export type { Answer, Call, Profiled, ProfiledOptions } from './client.js';
export type { Credentials } from './credentials.js';
export { ProfiledError } from './errors.js';
export type { FieldError } from './errors.js';
export type { ListArgs, ListItem, ListPath, ListQuery, Page, Paged } from './paginate.js';
export type { components, paths, operations } from './generated/openapi.js';

import type { components } from './generated/openapi.js';
/** A schema of the API by name, e.g. `Schema<'Profile'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
