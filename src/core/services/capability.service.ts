import type { ListParams, Page } from '../../store/query/list-page.js';
import * as capabilities from '../../store/repositories/capability.repository.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { Capability } from '../model/capability.js';

export async function listCapabilities(ctx: CoreContext, params: ListParams): Promise<Page<Capability>> {
  return capabilities.listCapabilities(ctx.db, params);
}

export async function getCapability(ctx: CoreContext, name: string): Promise<Capability> {
  const capability = await capabilities.findCapability(ctx.db, name);
  if (!capability) throw new DomainError('capability.not_found', `capability "${name}" does not exist`);
  return capability;
}
