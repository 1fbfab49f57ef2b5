import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { DomainError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { ActingTenant, CoreContext } from '../../../core/context.js';
import type { Profile } from '../../../core/model/profile.js';
import { getProfile, updateProfileFrom } from '../../../core/services/profile.service.js';
import { britiveErrors } from '../errors.js';
import { britiveSecurity, RM, tags, type BritiveRoutes } from '../route-config.js';

/** A setting as given: its type and the fields of that type (kept as sent, within bounds). */
const SettingBody = Type.Object(
  {
    settingsType: Type.Union([Type.Literal('ITSM'), Type.Literal('JUSTIFICATION')]),
    id: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true, maxProperties: 30 },
);

const SettingsBody = Type.Object(
  {
    settings: Type.Array(SettingBody, { maxItems: 10 }),
    tenantId: Type.Optional(Type.String({ maxLength: 200 })),
    consumer: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const SettingDto = Type.Object(
  {
    settingsType: Type.String(),
    id: Type.String(),
    entityId: Type.String(),
    entityType: Type.String(),
    isInherited: Type.Boolean(),
  },
  { additionalProperties: true },
);

const AdvancedSettingsDto = Type.Object({
  consumer: Type.String(),
  settings: Type.Array(SettingDto),
});

type Setting = Static<typeof SettingDto>;

const ProfileParam = Type.Object({ profileId: Type.String({ minLength: 1, maxLength: 200 }) });
const SettingParams = Type.Object({
  profileId: Type.String({ minLength: 1, maxLength: 200 }),
  id: Type.String({ minLength: 1, maxLength: 200 }),
});

/** The profile's settings as stored in its advancedSettings (`{settings: [...]}`). */
const settingsOf = (profile: Profile): Setting[] =>
  Array.isArray(profile.advancedSettings.settings) ? (profile.advancedSettings.settings as Setting[]) : [];

const answer = (settings: Setting[]) => ({ consumer: 'resourcemanager', settings });

/** The settings as shown: of this profile (a clone's copies too). */
const shownSettings = (profile: Profile) => settingsOf(profile).map((s) => ({ ...s, entityId: profile.id }));

/** Settings as stored: one per type (a new one of a type replaces the old), each with its id. */
function stored(profile: Profile, given: Static<typeof SettingBody>[], keep: Setting[]): Setting[] {
  const types = given.map((s) => s.settingsType);
  if (new Set(types).size !== types.length) {
    throw new DomainError('validation.failed', 'one setting of each settingsType at most');
  }
  const made = given.map((s) => ({
    ...s,
    id: keep.find((k) => k.settingsType === s.settingsType)?.id ?? newId(),
    entityId: profile.id,
    entityType: 'RESOURCE_PROFILE',
    isInherited: false,
  }));
  return [...keep.filter((k) => !types.includes(k.settingsType as (typeof types)[number])), ...made];
}

/** Stores the settings given, beside the others (or instead of them, with `replace`). */
async function save(
  ctx: CoreContext,
  tenant: ActingTenant,
  profileId: string,
  body: Static<typeof SettingsBody>,
  replace: boolean,
) {
  const profile = await updateProfileFrom(ctx, tenant, profileId, (current) => ({
    advancedSettings: {
      ...current.advancedSettings,
      settings: stored(current, body.settings, replace ? [] : settingsOf(current)),
    },
  }));
  return answer(shownSettings(profile));
}

/** A profile's advanced settings (ITSM and JUSTIFICATION), at Britive's singular `/profile/` path. */
export function advancedSettingsRoutes(app: FastifyInstance, britive: BritiveRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.policies, security: britiveSecurity };
  const url = `${RM}/profile/:profileId/advanced-settings`;
  for (const [method, replace] of [
    ['POST', false],
    ['PUT', true],
  ] as const) {
    api.route({
      method,
      url,
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: replace
          ? "Replace a profile's advanced settings"
          : 'Add advanced settings to a profile (a new one of a type replaces the old)',
        params: ProfileParam,
        body: SettingsBody,
        response: { 201: AdvancedSettingsDto, ...britiveErrors(400, 404, 413, 415) },
      },
      handler: async (request, reply) =>
        reply
          .code(201)
          .send(await save(request.core, request.acting, request.params.profileId, request.body, replace)),
    });
  }

  api.get(
    url,
    {
      config: britive.config('profiles:read'),
      schema: {
        ...schema,
        summary: "A profile's advanced settings",
        params: ProfileParam,
        response: { 200: AdvancedSettingsDto, ...britiveErrors(400, 404) },
      },
    },
    async (request) =>
      answer(shownSettings(await getProfile(request.core, request.acting, request.params.profileId))),
  );

  api.delete(
    `${url}/:id`,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Remove one advanced setting of a profile',
        params: SettingParams,
        response: { 204: Type.Null({ description: 'Removed' }), ...britiveErrors(400, 404) },
      },
    },
    async (request, reply) => {
      const { params } = request;
      await updateProfileFrom(request.core, request.acting, params.profileId, (current) => {
        const settings = settingsOf(current);
        if (!settings.some((s) => s.id === params.id)) {
          throw new DomainError('setting.not_found', `advanced setting ${params.id} does not exist`);
        }
        return {
          advancedSettings: {
            ...current.advancedSettings,
            settings: settings.filter((s) => s.id !== params.id),
          },
        };
      });
      return reply.code(204).send(null);
    },
  );
}
