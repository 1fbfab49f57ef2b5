import type { Linter } from 'eslint';

/** The vendor folders under `compatDir`. */
export function vendorsIn(compatDir: string | URL): string[];
/** ESLint config objects for the compat layer and its composition root. */
export function layerRules(compatDir: string | URL): Linter.Config[];
