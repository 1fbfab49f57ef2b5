import { Type } from 'typebox';

/** Limits on sizes, so that no single request can make the service do unbounded work. */
export const limits = {
  name: 200,
  text: 2000,
  listItems: 500,
  /** User ids in one bulk assign or revoke. */
  bulkUsers: 10_000,
  /** Member ids given to a group in one write. */
  groupMembers: 1000,
  /** Variables one permission version declares. */
  permissionVariables: 100,
  /** Resource types one listing of catalog permissions selects. */
  resourceTypesPerListing: 500,
  code: 64,
} as const;

export const Uuid = Type.String({ format: 'uuid', description: 'A UUID (profiled issues UUIDv7).' });
export const Name = Type.String({ minLength: 1, maxLength: limits.name });
export const NullableText = Type.Union([Type.String({ maxLength: limits.text }), Type.Null()]);
export const NullableName = Type.Union([Type.String({ minLength: 1, maxLength: limits.name }), Type.Null()]);
export const DateTime = Type.String({
  format: 'date-time',
  description: 'An RFC 3339 instant, e.g. 2026-01-31T09:00:00Z.',
});
export const NullableDateTime = Type.Union([DateTime, Type.Null()]);
export const FreeObject = Type.Record(Type.String({ maxLength: limits.name }), Type.Unknown(), {
  maxProperties: 100,
});
export const StringList = Type.Array(Type.String({ minLength: 1, maxLength: limits.name }), {
  maxItems: limits.listItems,
});
