import { RE2JS } from 're2js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError, type FieldIssue } from '../errors.js';
import type { CatalogPermission, CatalogVariable } from '../model/catalog-permission.js';
import type { PermissionVariable, ProfilePermission } from '../model/profile.js';
import { resolvePermissionVersion } from './permission-version.js';
import { getResourceType } from './resource-type.service.js';

/**
 * The rules a variable binding breaks, as its field issue names them (a vendor API names them in
 * its own words: Britive's RM codes).
 */
export const bindingRules = {
  bothStates: 'variable.both_states',
  invalidPattern: 'variable.invalid_pattern',
  passwordNeedsPattern: 'variable.password_needs_pattern',
  staticPassword: 'variable.static_password',
} as const;

/** A variable binding as a request sends it (VariableValues); `type` is the catalog's, never the client's. */
export interface VariableInput {
  name: string;
  value?: string | null | undefined;
  isSystemDefined?: boolean | undefined;
  promptAtCheckout?: boolean | undefined;
  regexPattern?: string | null | undefined;
  description?: string | null | undefined;
}

/**
 * A pattern compiled by RE2 (re2js): it matches in time linear in the value, whatever the
 * pattern, because values are matched as requests run and a backtracking engine can take
 * exponential time on `(a|a)*` and its kind. RE2 reads Java's syntax but for backreferences and
 * lookarounds, which it refuses: such a pattern is refused as invalid. Undefined: it does not compile.
 */
function patternOf(text: string): RE2JS | undefined {
  try {
    return RE2JS.compile(text);
  } catch {
    return undefined;
  }
}

/**
 * A profile's bindings of a permission version's variables, each broken rule an issue naming it:
 * system-defined and prompted at once, a pattern that does not compile, a password without a
 * pattern, a static password (bindingRules); a variable the version does not declare, or a
 * static value its pattern refuses, names it. The value is kept
 * only in the static state; the description only with a pattern.
 */
export function boundVariables(
  declared: readonly CatalogVariable[],
  inputs: readonly VariableInput[],
): PermissionVariable[] {
  const issues: FieldIssue[] = [];
  const types = new Map(declared.map((v) => [v.name, v.type]));
  const bound = inputs.map((input, i): PermissionVariable => {
    const at = (detail: string, rule?: string): void => {
      issues.push({ pointer: `/variables/${i}`, detail: `${input.name}: ${detail}`, ...(rule && { rule }) });
    };
    const type = types.get(input.name);
    if (type === undefined) {
      at(
        `the permission declares no variable "${input.name}" (it declares ${[...types.keys()].join(', ') || 'none'})`,
      );
    }
    const isSystemDefined = input.isSystemDefined ?? false;
    const promptAtCheckout = input.promptAtCheckout ?? false;
    const regexPattern = input.regexPattern ?? null;
    if (isSystemDefined && promptAtCheckout)
      at('cannot be both system-defined and prompted at check-out', bindingRules.bothStates);
    const pattern = regexPattern === null ? undefined : patternOf(regexPattern);
    if (regexPattern !== null && pattern === undefined)
      at(`"${regexPattern}" is not a valid regular expression`, bindingRules.invalidPattern);
    const isStatic = !isSystemDefined && !promptAtCheckout;
    if (type === 'password') {
      if (regexPattern === null)
        at('a password variable needs a regexPattern', bindingRules.passwordNeedsPattern);
      if (isStatic)
        at(
          'a password cannot be a static value: make it system-defined or prompted at check-out',
          bindingRules.staticPassword,
        );
    }
    const value = isStatic ? (input.value ?? null) : null;
    if (value !== null && pattern !== undefined && !pattern.matches(value)) {
      at(`the value does not match ${regexPattern}`);
    }
    return {
      name: input.name,
      value,
      isSystemDefined,
      promptAtCheckout,
      type: type ?? 'String',
      regexPattern,
      description: regexPattern === null ? null : (input.description ?? null),
    };
  });
  const names = inputs.map((v) => v.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i)
      issues.push({ pointer: `/variables/${i}`, detail: `${name}: given twice` });
  });
  if (issues.length > 0) {
    throw new DomainError('validation.failed', issues.map((i) => i.detail).join('; '), issues);
  }
  return bound;
}

/**
 * A catalog permission as a profile holds it: at a version (`latest` stays `latest`, and follows
 * the catalog's newest), with its variables bound by the rules of boundVariables.
 */
export async function bindCatalogPermission(
  ctx: CoreContext,
  tenant: ActingTenant,
  permission: CatalogPermission,
  version: string,
  variables: readonly VariableInput[],
): Promise<ProfilePermission> {
  const resolved = resolvePermissionVersion(permission, version);
  const type = await getResourceType(ctx, tenant, permission.resourceTypeId);
  return {
    permissionId: permission.id,
    name: permission.name,
    version: version.trim().toLowerCase() === 'latest' ? 'latest' : String(resolved.version),
    description: permission.description,
    resourceTypeId: type.id,
    resourceType: type.name,
    variables: boundVariables(resolved.variables, variables),
  };
}
