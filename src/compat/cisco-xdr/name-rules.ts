import { DomainError, type FieldIssue } from '../../core/errors.js';

// Letters (with their combining marks), and a letter counts only as \p{L}: marks alone are no name.
const letters = /^[\p{L}\p{M}]+$/u;
const letterCount = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;
// The shape ajv-formats checks for `format: email` (its fast mode), so both APIs agree.
const email =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** Cisco's rules for the names and email of an account, each broken one reported by its key. */
export interface NameFields {
  'user-given-name'?: string | undefined;
  'user-family-name'?: string | undefined;
  'user-email'?: string | undefined;
}

const issue = (key: string, detail: string): FieldIssue => ({ pointer: `/${key}`, detail, rule: 'cisco' });

/** The broken rules, by key: first names of 2 letters or more, last names of 1 or more, letters only; a valid email. */
export function nameRuleIssues(fields: NameFields): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const name = (key: 'user-given-name' | 'user-family-name', min: number, what: string) => {
    const value = fields[key];
    if (value === undefined) return;
    if (letterCount(value) < min || !letters.test(value)) {
      issues.push(
        issue(
          key,
          `${what} must be at least ${min} letter${min > 1 ? 's' : ''}, letters only (no numbers or special characters)`,
        ),
      );
    }
  };
  name('user-given-name', 2, 'the first name');
  name('user-family-name', 1, 'the last name');
  const address = fields['user-email'];
  if (address !== undefined && !email.test(address))
    issues.push(issue('user-email', 'must be a valid email address'));
  return issues;
}

/** One 400 naming every issue; nothing when there is none. */
export function refuseIssues(issues: readonly FieldIssue[]): void {
  if (issues.length === 0) return;
  const code = issues.every((i) => i.rule === 'password') ? 'password.rule_violated' : 'validation.failed';
  throw new DomainError(code, issues.map((i) => `${i.pointer.slice(1)}: ${i.detail}`).join('; '), issues);
}
