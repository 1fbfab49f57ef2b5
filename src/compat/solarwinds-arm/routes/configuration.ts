import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { complianceSettingsOf, saveComplianceSettings } from '../../../core/services/compliance.service.js';
import { getTenant } from '../../../core/services/tenant.service.js';
import { ChangeResult, changeResult } from '../change-result.js';
import { armErrors } from '../errors.js';
import { configurationTemplate, settingsOf } from '../form-template.js';
import { ConfigurationBody, ConfigurationTemplate } from '../form.schemas.js';
import { armSecurity, PROFILES, tags, type ArmRoutes } from '../route-config.js';

/** The profile settings: the tenant's compliance settings, as ARM's form template. */
export function configurationRoutes(app: FastifyInstance, arm: ArmRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: armSecurity };
  const path = `${PROFILES}/Configuration`;

  api.get(
    path,
    {
      config: arm.config('profiles:read'),
      schema: {
        ...schema,
        summary: 'The profile settings, as a form template with their values',
        response: { 200: ConfigurationTemplate, ...armErrors() },
      },
    },
    async (request) => {
      const { core, acting } = request;
      return configurationTemplate(complianceSettingsOf(await getTenant(core, acting, acting.id)));
    },
  );

  api.post(
    path,
    {
      config: arm.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Save the profile settings: each as its value, or as the template field with its value',
        body: ConfigurationBody,
        response: { 200: ChangeResult(ConfigurationTemplate, 'The settings as saved'), ...armErrors() },
      },
    },
    async (request) => {
      const saved = await saveComplianceSettings(request.core, request.acting, settingsOf(request.body));
      return changeResult(request, configurationTemplate(saved));
    },
  );
}
