import type { ListParams, Page } from '../../store/query/list-page.js';
import * as capabilities from '../../store/repositories/capability.repository.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { Capability } from '../model/capability.js';
import { mapPage } from './page.js';

const fromRow = (row: capabilities.CapabilityRow): Capability => ({
  name: row.name,
  displayName: row.display_name,
  description: row.description,
});

export async function listCapabilities(ctx: CoreContext, params: ListParams): Promise<Page<Capability>> {
  return mapPage(await capabilities.listCapabilities(ctx.db, params), fromRow);
}

export async function getCapability(ctx: CoreContext, name: string): Promise<Capability> {
  const row = await capabilities.findCapability(ctx.db, name);
  if (!row) throw new DomainError('capability.not_found', `capability "${name}" does not exist`);
  return fromRow(row);
}
