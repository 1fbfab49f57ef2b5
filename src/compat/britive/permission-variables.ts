import { RE2JS } from 're2js';
import { DomainError, type FieldIssue } from '../../core/errors.js';
import type { CatalogVariable } from '../../core/model/catalog-permission.js';
import type { PermissionVariable } from '../../core/model/profile.js';

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
 * A profile's bindings of a permission version's variables, by Britive's rules, each broken one
 * with Britive's code: system-defined and prompted at once (RM-0027), a pattern that does not
 * compile (RM-0023), a password without one (RM-0022), a static password (RM-0028); a variable
 * the version does not declare, or a static value its pattern refuses, names it. The value is kept
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
      at('cannot be both system-defined and prompted at check-out', 'RM-0027');
    const pattern = regexPattern === null ? undefined : patternOf(regexPattern);
    if (regexPattern !== null && pattern === undefined)
      at(`"${regexPattern}" is not a valid regular expression`, 'RM-0023');
    const isStatic = !isSystemDefined && !promptAtCheckout;
    if (type === 'password') {
      if (regexPattern === null) at('a password variable needs a regexPattern', 'RM-0022');
      if (isStatic)
        at('a password cannot be a static value: make it system-defined or prompted at check-out', 'RM-0028');
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
