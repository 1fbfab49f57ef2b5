import type { Instant } from './time.js';

export interface LabelValue {
  id: string;
  /** Unique in its label. */
  name: string;
  description: string | null;
}

/**
 * A label key and the values it allows (Britive's resource labels): a profile's associations
 * name a key and some of its values. Values are in the order they were given.
 */
export interface Label {
  id: string;
  tenantId: string;
  /** Unique in the tenant. */
  keyName: string;
  description: string | null;
  values: LabelValue[];
  createdAt: Instant;
  updatedAt: Instant;
  version: number;
}
