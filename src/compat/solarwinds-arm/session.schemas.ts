import { Type } from 'typebox';
import { AccountModel } from './account.schemas.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The username; without domain, as DOMAIN\\user or user@domain',
    }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    domain: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'The tenant: its code or id' }),
    ),
  },
  { additionalProperties: false },
);

export const Session = Type.Object({
  SessionId: Type.String({
    description:
      'Send back as the ARM.SessionId cookie or Authorization: Bearer <SessionId>; shown this once',
  }),
  User: AccountModel,
  ExpiresAt: Type.String({ format: 'date-time' }),
});

export const LoggedOut = Type.Object({ Success: Type.Literal(true) });
