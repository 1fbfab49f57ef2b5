import { Type, type TSchema } from 'typebox';
import { domainErrorCodes } from '../../core/errors.js';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: `Stable error code, e.g. ${domainErrorCodes.slice(0, 4).join(', ')}` }),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), detail: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const problemRef = Type.Ref('Problem');

/** Declares the error statuses a route can send, all as problem+json. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemRef]));
}

export const Instant = Type.String({ format: 'date-time' });
export const NullableInstant = Type.Union([Instant, Type.Null()]);

export const ListQuery = Type.Object(
  {
    filter: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'SCIM filter, e.g. `name sw "Partner" and enabled eq true`',
      }),
    ),
    sort: Type.Optional(
      Type.String({ maxLength: 200, description: 'Comma-separated fields, `-` for descending' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 2000, description: 'nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    count: Type.Optional(Type.Boolean({ description: 'Also answer the total number of matches' })),
  },
  { additionalProperties: false },
);

export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
    total: Type.Optional(Type.Integer()),
  });
}

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'ETag of the version this write expects (412 when it moved on)' }),
  ),
});

export const CreateHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'Retrying with the same key replays the first answer',
    }),
  ),
});
