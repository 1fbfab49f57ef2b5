import type { CompatApi } from '../kit/compat-api.js';
import { compatRouteConfig } from '../kit/route-config.js';
import { naverCloudAuthenticator } from './authentication.js';
import { naverCloudError } from './errors.js';
import type { NaverCloudRoutes } from './route-config.js';
import { profileRoutes } from './routes/profiles.js';

/**
 * NAVER Cloud Platform's Sub Account External Access profiles, at NCP's paths (lower case; the
 * SolarWinds ARM API's `/api/v1/Profiles` is another path), with its camelCase fields, paging,
 * errors and API gateway signature v2.
 */
export const naverCloud: CompatApi = {
  name: 'naver-cloud',
  title: 'NAVER Cloud',
  prefixes: ['/api/v1/profiles'],
  caseSensitive: true,
  openapi: {
    tags: [
      {
        name: 'NAVER Cloud: External Access',
        description: 'NAVER Cloud compat API: External Access profiles (see docs/compat/naver-cloud.md)',
      },
    ],
    securitySchemes: {
      ncpSignatureV2: {
        type: 'apiKey',
        in: 'header',
        name: 'x-ncp-apigw-signature-v2',
        description:
          'NAVER Cloud compat API: base64 HMAC-SHA256 of `METHOD target\\ntimestamp\\naccessKey`, with x-ncp-apigw-timestamp (epoch ms) and x-ncp-iam-access-key',
      },
    },
  },
  errors: naverCloudError,
  schemas: [naverCloudError.schema],
  routes: (deps) => {
    const config = compatRouteConfig({
      source: 'naver-cloud',
      authenticate: naverCloudAuthenticator(deps),
      targetTenantHeader: null,
    });
    const routes: NaverCloudRoutes = {
      config: (scope) => config(scope),
      tags: ['NAVER Cloud: External Access'],
      security: [{ ncpSignatureV2: [] }],
    };
    return async (app) => {
      naverCloudError.register(app);
      profileRoutes(app, routes);
    };
  },
};
