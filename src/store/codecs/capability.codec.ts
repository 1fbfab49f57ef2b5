import type { Capability } from '../../core/model/capability.js';
import type { CapabilityTable } from '../tables/capability.table.js';

export const capabilityFromRow = (row: CapabilityTable): Capability => ({
  name: row.name,
  displayName: row.display_name,
  description: row.description,
});
