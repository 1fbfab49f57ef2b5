import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Role } from '../../../core/model/role.js';
import { RoleCreate, RolePatch } from '../../../core/schemas/role.schema.js';
import * as roles from '../../../core/services/role.service.js';
import { withIsoTimes } from '../../representation.js';
import { alwaysCreates, registerCrud } from '../crud.js';

export const roleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerCrud(app, {
    path: '/v1/roles',
    tag: 'Roles',
    noun: 'role',
    scopes: { read: 'profiles:read', write: 'profiles:write' },
    schemaId: 'Role',
    errors: { remove: [404, 409, 412] },
    createBody: RoleCreate,
    patchBody: RolePatch,
    summaries: {
      create: 'Create a role of the catalog (profiles carry it by name in `roles`)',
      update: 'Change a role (its kind, description, capabilities, permissions; never its name)',
      remove: 'Delete a role no profile carries (409 role.in_use names the profiles that do)',
    },
    service: {
      list: roles.listRoles,
      get: roles.getRole,
      create: alwaysCreates(roles.createRole),
      update: roles.updateRole,
      remove: roles.deleteRole,
    },
    represent: (r: Role) => withIsoTimes(r, ['createdAt', 'updatedAt'] as const),
  });
};
