import type { Versioned } from './common.js';

export interface LabelTable extends Versioned {
  id: string;
  tenant_id: string;
  key_name: string;
  description: string | null;
}

/** A label's allowed values, in their own rows so that (label, name) is unique in the database. */
export interface LabelValueTable {
  id: string;
  label_id: string;
  name: string;
  description: string | null;
  /** Where the value stands in the label's list, from 0: values keep the order they were given in. */
  position: number;
}
