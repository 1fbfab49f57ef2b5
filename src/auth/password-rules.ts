import { DomainError } from '../core/errors.js';

export const characterClasses = ['lower', 'upper', 'digit', 'symbol'] as const;
export type CharacterClass = (typeof characterClasses)[number];

export interface PasswordRules {
  minLength: number;
  maxLength: number;
  /** Character classes a password must contain at least one of each. */
  require: readonly CharacterClass[];
}

const classPattern: Record<CharacterClass, RegExp> = {
  lower: /\p{Ll}/u,
  upper: /\p{Lu}/u,
  digit: /\p{Nd}/u,
  symbol: /[^\p{L}\p{Nd}]/u,
};

/** Throws a 400-class error naming the first rule the password breaks. */
export function checkPassword(rules: PasswordRules, password: string, username: string): void {
  const broken = (rule: string, message: string) =>
    new DomainError('password.rule_violated', `${message} (rule: ${rule})`, [
      { pointer: '/password', detail: rule },
    ]);
  const length = [...password].length;
  if (length < rules.minLength)
    throw broken('minLength', `password must have at least ${rules.minLength} characters`);
  if (length > rules.maxLength)
    throw broken('maxLength', `password must have at most ${rules.maxLength} characters`);
  for (const kind of rules.require) {
    if (!classPattern[kind].test(password))
      throw broken(`require.${kind}`, `password must contain a ${kind} character`);
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw broken('notUsername', 'password must not contain the username');
  }
}
