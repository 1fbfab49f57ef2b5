import { isUniqueViolation, violatedConstraint } from '../../store/executor.js';
import { DomainError, type DomainErrorCode } from '../errors.js';

/**
 * Runs a write and turns a unique violation into the DomainError of the first rule whose marker
 * (a column or constraint name) the database named. Pre-checks give nicer messages; this closes the race.
 */
export async function withUniqueRules<T>(
  write: () => Promise<T>,
  rules: readonly { marker: string; code: DomainErrorCode; message: string }[],
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const named = violatedConstraint(error);
    const rule = rules.find((r) => named.includes(r.marker)) ?? rules[0];
    if (!rule) throw error;
    throw new DomainError(rule.code, rule.message);
  }
}
