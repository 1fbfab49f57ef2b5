import type { ListParams, Page } from '../../store/query/list-page.js';
import * as labels from '../../store/repositories/label.repository.js';
import { audited } from '../audit/audit.service.js';
import { cachedRead } from '../cache/cached-read.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import type { Label, LabelValue } from '../model/label.js';
import type { LabelCreate, LabelPatch, LabelValueInput } from '../schemas/label.schema.js';
import { withUniqueRules } from './unique.js';
import { writeAtVersion } from './versioning.js';

const keyInUse = (keyName: string) => [
  {
    marker: 'key_name',
    code: 'label.key_in_use' as const,
    message: `label key "${keyName}" is already in use in this tenant`,
  },
];

/** What a label is read from: its row and its values. */
const labelTables = ['labels', 'label_values'] as const;

export async function getLabel(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<Label> {
  const label = await cachedRead(ctx, `label:${tenant.id}:${id}`, labelTables, () =>
    labels.findLabel(ctx.db, tenant.id, id),
  );
  if (!label) throw new DomainError('label.not_found', `label ${id} does not exist`);
  return label;
}

export async function listLabels(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<Label>> {
  return cachedRead(ctx, `labels:${tenant.id}:${JSON.stringify(params)}`, labelTables, () =>
    labels.listLabels(ctx.db, tenant.id, params),
  );
}

/**
 * The values of a label from the ones given, refusing a name given twice. A value keeps the id
 * it had under the same name (`current`), so that a change of descriptions or order does not
 * make new values of old ones.
 */
function labelValues(given: readonly LabelValueInput[], current: readonly LabelValue[] = []): LabelValue[] {
  const ids = new Map(current.map((v) => [v.name, v.id]));
  const seen = new Set<string>();
  return given.map(({ name, description }, i) => {
    if (seen.has(name)) {
      throw new DomainError('validation.failed', `label value "${name}" appears twice`, [
        { pointer: `/values/${i}/name`, detail: 'appears twice in the label' },
      ]);
    }
    seen.add(name);
    return { id: ids.get(name) ?? newId(), name, description: description ?? null };
  });
}

export async function createLabel(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: LabelCreate,
  id: string = newId(),
): Promise<Label> {
  return audited(ctx, tenant, { type: 'label', id, verb: 'create' }, async (tx) => {
    const now = ctx.now();
    const label: Label = {
      id,
      tenantId: tenant.id,
      keyName: input.keyName,
      description: input.description ?? null,
      values: labelValues(input.values ?? []),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await withUniqueRules(() => labels.insertLabel(tx.db, label), keyInUse(input.keyName));
    return getLabel(tx, tenant, id);
  });
}

/** Changes a label; values given replace its values as a whole. */
export async function updateLabel(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  patch: LabelPatch,
  expectedVersion?: number,
): Promise<Label> {
  const before = (tx: CoreContext) => getLabel(tx, tenant, id);
  return audited(ctx, tenant, { type: 'label', id, verb: 'update', before }, async (tx) => {
    await writeAtVersion(
      `label ${id}`,
      () => getLabel(tx, tenant, id),
      expectedVersion,
      (label, version) => {
        const { values, ...fields } = patch;
        const changes = {
          ...fields,
          ...(values !== undefined && { values: labelValues(values, label.values) }),
          updatedAt: ctx.now(),
        };
        return withUniqueRules(
          () => labels.updateLabel(tx.db, tenant.id, id, version, changes),
          keyInUse(patch.keyName ?? label.keyName),
        );
      },
    );
    return getLabel(tx, tenant, id);
  });
}

/** Deletes a label with its values (profiles' associations are not references: nothing refuses it). */
export async function deleteLabel(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const before = (tx: CoreContext) => getLabel(tx, tenant, id);
  await audited(ctx, tenant, { type: 'label', id, verb: 'delete', before }, async (tx) => {
    await writeAtVersion(
      `label ${id}`,
      () => getLabel(tx, tenant, id),
      expectedVersion,
      (_label, version) => labels.deleteLabel(tx.db, tenant.id, id, version),
    );
  });
}
