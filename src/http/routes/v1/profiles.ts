import type { FastifyInstance } from 'fastify';
import type { Profile } from '../../../core/model/profile.js';
import { ProfileCreate, ProfilePatch } from '../../../core/schemas/profile.schema.js';
import * as profiles from '../../../core/services/profile.service.js';
import { withIsoTimes } from '../../representation.js';
import { alwaysCreates, registerCrud } from '../crud.js';

export const representProfile = (p: Profile) =>
  withIsoTimes(p, ['createdAt', 'updatedAt', 'lastAccessedAt'] as const);

export function profileRoutes(app: FastifyInstance): void {
  registerCrud(app, {
    path: '/v1/profiles',
    tag: 'Profiles',
    noun: 'profile',
    scopes: { read: 'profiles:read', write: 'profiles:write' },
    schemaId: 'Profile',
    createBody: ProfileCreate,
    patchBody: ProfilePatch,
    service: {
      list: profiles.listProfiles,
      get: profiles.getProfile,
      create: alwaysCreates(profiles.createProfile),
      update: profiles.updateProfile,
      remove: profiles.deleteProfile,
    },
    represent: representProfile,
  });
}
