import { findLabelsByKeys } from '../../store/repositories/label.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';

/** A key as a JSON pointer segment (RFC 6901: `~` and `/` escaped). */
const segment = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks label associations (label key -> values, as a profile holds them) against the tenant's
 * labels: the first key that is no label of the tenant, or the first value its label does not
 * allow, is a 400 naming it (and its key), with the pointer `/associations/<key>[/<index>]`.
 * Two queries, however many keys.
 */
export async function checkAssociations(
  ctx: CoreContext,
  tenant: ActingTenant,
  associations: Readonly<Record<string, readonly string[]>>,
): Promise<void> {
  const keys = Object.keys(associations);
  if (keys.length === 0) return;
  const labels = new Map((await findLabelsByKeys(ctx.db, tenant.id, keys)).map((l) => [l.keyName, l]));
  for (const key of keys) {
    const label = labels.get(key);
    if (!label) {
      throw new DomainError('validation.failed', `label key "${key}" does not exist in this tenant`, [
        { pointer: `/associations/${segment(key)}`, detail: 'no such label key' },
      ]);
    }
    const allowed = new Set(label.values.map((v) => v.name));
    const values = associations[key] ?? [];
    const unknown = values.findIndex((value) => !allowed.has(value));
    if (unknown >= 0) {
      throw new DomainError(
        'validation.failed',
        `"${values[unknown]}" is not a value of label key "${key}"`,
        [{ pointer: `/associations/${segment(key)}/${unknown}`, detail: 'no such value of the label' }],
      );
    }
  }
}
