import type { FastifyInstance } from 'fastify';
import type { User } from '../../../core/model/user.js';
import { UserCreate, UserPatch } from '../../../core/schemas/user.schema.js';
import * as users from '../../../core/services/user.service.js';
import { withIsoTimes } from '../../representation.js';
import { alwaysCreates, registerCrud } from '../crud.js';

export const representUser = (u: User) => ({
  ...withIsoTimes(u, ['createdAt', 'updatedAt'] as const),
  directory: withIsoTimes(u.directory, ['vanishedAt'] as const),
});

export function userRoutes(app: FastifyInstance): void {
  registerCrud(app, {
    path: '/v1/users',
    tag: 'Users',
    noun: 'user',
    scopes: { read: 'users:read', write: 'users:write' },
    schemaId: 'User',
    createBody: UserCreate,
    patchBody: UserPatch,
    service: {
      list: users.listUsers,
      get: users.getUser,
      create: alwaysCreates(users.createUser),
      update: users.updateUser,
      remove: users.deleteUser,
    },
    represent: representUser,
  });
}
