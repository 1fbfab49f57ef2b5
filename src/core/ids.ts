import { v7 } from 'uuid';

/** Time-sortable, UUID-shaped ids: every vendor API expects a UUID. */
export function newId(): string {
  return v7();
}
