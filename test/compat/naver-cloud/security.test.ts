import { createHmac } from 'node:crypto';
import { forEachApp } from '../../support/app.js';
import { freshTimestamp, type Presenter } from '../../support/credentials.js';
import { newProfile } from '../../support/fixtures.js';
import { guardedRoutes, type ResourceMaker } from '../../support/security-routes.js';
import { securitySuite } from '../../support/security-suite.js';

/** NCP's gateway signature v2 over the request target, with the x-ncp-* headers. */
const ncpSignature: Presenter = {
  name: 'NCP signature v2',
  kind: 'access_key',
  headers: (c, request) => {
    const timestamp = String(freshTimestamp());
    const text = `${request.method.toUpperCase()} ${request.url}\n${timestamp}\n${c.publicId}`;
    return {
      'x-ncp-apigw-timestamp': timestamp,
      'x-ncp-iam-access-key': c.publicId,
      'x-ncp-apigw-signature-v2': createHmac('sha256', c.secret).update(text).digest('base64'),
    };
  },
};

const P = '/api/v1/profiles';
const bodies: Record<string, unknown> = {
  [`POST ${P}`]: { name: 'probe' },
  [`PATCH ${P}/:profileId`]: { description: 'probe' },
};
const profileOf: ResourceMaker = async (t, tenant) => (await newProfile(t, tenant)).id;

forEachApp('security of the NAVER Cloud API', (t) => {
  securitySuite(t, {
    routes: (app) => guardedRoutes(app, /^\/api\/v1\/profiles/, bodies, 'naver-cloud'),
    presenters: [ncpSignature],
    resources: { [P]: profileOf },
    tenantHeader: null,
    forbiddenStatus: 401,
    listProbe: {
      query: (id) => `searchColumn=profileNrn&searchWord=${encodeURIComponent(id)}`,
      found: (body) => ({ total: body.totalElements, items: body.content?.length }),
    },
  });
});
