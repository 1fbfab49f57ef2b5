import { DomainError } from '../errors.js';
import {
  VARIABLE_NAME,
  VARIABLE_NAME_MAX_LENGTH,
  type CatalogPermission,
  type CatalogVariable,
  type PermissionVersion,
  type VariableType,
} from '../model/catalog-permission.js';

/** A version as a caller names it: its number, that number as text, or `latest`. */
export type VersionRef = number | string;

/**
 * The version of `permission` that `requested` names: a number from 1, its decimal text, or
 * `latest` (any case) for the newest. Anything else, or a number the permission does not have,
 * is a 400 that names what was asked for.
 */
export function resolvePermissionVersion(
  permission: CatalogPermission,
  requested: VersionRef,
): PermissionVersion {
  const newest = permission.versions.at(-1);
  const text = String(requested).trim();
  const found =
    text.toLowerCase() === 'latest'
      ? newest
      : /^[0-9]+$/.test(text)
        ? permission.versions.find((v) => v.version === Number(text))
        : undefined;
  if (found) return found;
  const known = newest === undefined ? 'none' : `1 to ${newest.version}, or latest`;
  throw new DomainError(
    'permission.version_not_found',
    `permission ${permission.id} has no version "${String(requested)}" (it has ${known})`,
    [{ pointer: '/version', detail: `no version "${String(requested)}"` }],
  );
}

/**
 * The variables of a new version, each with its type (String unless given), after checking what
 * a schema cannot: the name rule (for callers that did not validate it) and that no name repeats.
 * `pointer` is where the list stands in the request, for the issue that names the culprit.
 */
export function versionVariables(
  variables: readonly { name: string; type?: VariableType | undefined }[],
  pointer = '/variables',
): CatalogVariable[] {
  const seen = new Set<string>();
  return variables.map(({ name, type }, i) => {
    const refuse = (detail: string) => {
      throw new DomainError('validation.failed', `variable "${name}" ${detail}`, [
        { pointer: `${pointer}/${i}/name`, detail },
      ]);
    };
    if (name.length > VARIABLE_NAME_MAX_LENGTH || !VARIABLE_NAME.test(name)) {
      refuse(
        `is not a variable name: 1 to ${VARIABLE_NAME_MAX_LENGTH} characters, a letter or _ then letters, digits, _ . or -`,
      );
    }
    if (seen.has(name)) refuse('appears twice in the version');
    seen.add(name);
    return { name, type: type ?? 'String' };
  });
}
