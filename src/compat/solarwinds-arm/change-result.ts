import type { FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';

/**
 * ARM's envelope of a write: `{Success, Data, ResponseId, ErrorDetails}`. A success carries what
 * was written in `Data`; a failure is the error shape (errors.ts), with a 4xx status.
 */
export const ChangeResult = <Data extends TSchema>(data: Data, description: string) =>
  Type.Object(
    {
      Success: Type.Literal(true),
      Data: data,
      ResponseId: Type.String({ description: 'The request id, as in the logs and X-Request-Id' }),
      ErrorDetails: Type.Null(),
    },
    { description },
  );

/** A successful ChangeResult of this request. */
export const changeResult = <Data>(request: FastifyRequest, data: Data) => ({
  Success: true as const,
  Data: data,
  ResponseId: request.id,
  ErrorDetails: null,
});
