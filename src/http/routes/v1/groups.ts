import type { FastifyInstance } from 'fastify';
import type { Group } from '../../../core/model/user.js';
import { GroupCreate, GroupPatch } from '../../../core/schemas/user.schema.js';
import * as groups from '../../../core/services/group.service.js';
import { withIsoTimes } from '../../representation.js';
import { alwaysCreates, registerCrud } from '../crud.js';

export function groupRoutes(app: FastifyInstance): void {
  registerCrud(app, {
    path: '/v1/groups',
    tag: 'Groups',
    noun: 'group',
    scopes: { read: 'users:read', write: 'users:write' },
    schemaId: 'Group',
    createBody: GroupCreate,
    patchBody: GroupPatch,
    service: {
      list: groups.listGroups,
      get: groups.getGroup,
      create: alwaysCreates(groups.createGroup),
      update: groups.updateGroup,
      remove: groups.deleteGroup,
    },
    represent: (g: Group) => withIsoTimes(g, ['createdAt', 'updatedAt', 'vanishedAt'] as const),
  });
}
