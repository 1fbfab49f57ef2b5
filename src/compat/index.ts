import { naverCloud } from './naver-cloud/index.js';
import type { CompatApi } from './kit/compat-api.js';
import { britive } from './britive/index.js';
import { ciscoXdr } from './cisco-xdr/index.js';
import { solarwindsArm } from './solarwinds-arm/index.js';
import { visier } from './visier/index.js';

/**
 * Every vendor compat API profiled can serve, in the order they are registered. Adding a vendor
 * is a folder beside this file and one entry here; COMPAT_APIS picks which are served.
 */
export const compatApis: readonly CompatApi[] = [visier, ciscoXdr, solarwindsArm, britive, naverCloud];

/** Their names, as COMPAT_APIS takes them. */
export const compatApiNames: readonly string[] = compatApis.map((api) => api.name);

export { errorShapeOfPath, mountCompatApis } from './kit/mount.js';
export type { CompatApi } from './kit/compat-api.js';
