import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { checkIn, extendCheckout } from '../../../core/services/checkout-change.service.js';
import {
  checkOut,
  getCheckout,
  listCheckouts,
  type CheckoutActor,
} from '../../../core/services/checkout.service.js';
import { checkoutStatus, type Checkout } from '../../../core/model/checkout.js';
import type { Instant } from '../../../core/model/time.js';
import { tenantOf } from '../../plugins/acting-tenant.js';
import { withIsoTimes } from '../../representation.js';
import { errors, IdParams, ListQuery, PageOf } from '../../schemas/common.js';
import { listParams, pageBody } from '../list.js';

export const representCheckout = (checkout: Checkout, at: Instant) => ({
  ...withIsoTimes(checkout, ['checkedOutAt', 'expiresAt', 'checkedInAt'] as const),
  status: checkoutStatus(checkout, at),
});

/**
 * Check-outs are a user's own: every route needs only profiles:read (the profile's policies say
 * who may check it out). Another user's check-outs are seen with assignments:read (or :write) and
 * extended or checked in with assignments:write, the scopes that read and write assignments.
 */
function actorOf(request: FastifyRequest): CheckoutActor {
  const { userId, scopes } = request.principal;
  const actsForOthers = scopes.includes('assignments:write');
  return { userId, seesOthers: actsForOthers || scopes.includes('assignments:read'), actsForOthers };
}

const ref = Type.Ref('Checkout');
const tags = ['Check-outs'];
const config = { scope: 'profiles:read' as const };
const CheckoutParams = Type.Object({
  ...IdParams.properties,
  checkoutId: Type.String({ minLength: 1, maxLength: 100 }),
});
const rules =
  'Only the holder, or a credential with assignments:write, may; the check-out must be live (not checked in, not expired).';

export const checkoutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/profiles/:id/checkouts',
    {
      config,
      schema: {
        tags,
        summary: "List a profile's check-outs (your own; everyone's with assignments:read)",
        params: IdParams,
        querystring: ListQuery,
        response: { 200: PageOf(ref), ...errors(400, 404) },
      },
    },
    async (request) => {
      const page = await listCheckouts(
        request.core,
        tenantOf(request),
        actorOf(request),
        request.params.id,
        listParams(request.query),
      );
      const now = request.core.now();
      return pageBody(page, (c) => representCheckout(c, now));
    },
  );

  app.post(
    '/v1/profiles/:id/checkouts',
    {
      config,
      schema: {
        tags,
        summary: 'Check the profile out for the user the credential acts as',
        description:
          "Allowed when the profile is enabled and its active, non-draft policies allow the user (as a User member, or a Tag member naming one of the user's groups) and none denies; with policy ordering, the first matching policy decides. Makes an assignment of the profile to the user in the acting tenant from now for checkout.durationMs (15 minutes when unset), visible at once in effective access. 400 checkout.user_required: the credential acts as no user; 403 checkout.not_allowed, saying why; 409 checkout.already_held (the user holds it already) or checkout.held_by_another (an exclusive profile held by another user).",
        params: IdParams,
        response: { 201: ref, ...errors(400, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const checkout = await checkOut(request.core, tenantOf(request), actorOf(request), request.params.id);
      return reply
        .code(201)
        .header('location', `/v1/profiles/${checkout.profileId}/checkouts/${checkout.id}`)
        .send(representCheckout(checkout, request.core.now()));
    },
  );

  app.get(
    '/v1/profiles/:id/checkouts/:checkoutId',
    {
      config,
      schema: {
        tags,
        summary: "Get a check-out of the profile (your own; anyone's with assignments:read)",
        params: CheckoutParams,
        response: { 200: ref, ...errors(404) },
      },
    },
    async (request) => {
      const { id, checkoutId } = request.params;
      const checkout = await getCheckout(request.core, tenantOf(request), actorOf(request), id, checkoutId);
      return representCheckout(checkout, request.core.now());
    },
  );

  app.post(
    '/v1/profiles/:id/checkouts/:checkoutId/extend',
    {
      config,
      schema: {
        tags,
        summary: 'Extend a live check-out',
        description: `Moves its end (and its assignment's) by checkout.extensionDurationMs (unset: the duration), when checkout.extendable, up to checkout.extensionLimit times (unset: no limit), while the policies still allow the holder. ${rules} 409 checkout.not_extendable, checkout.extension_limit, checkout.ended.`,
        params: CheckoutParams,
        response: { 200: ref, ...errors(403, 404, 409) },
      },
    },
    async (request) => {
      const { id, checkoutId } = request.params;
      const checkout = await extendCheckout(
        request.core,
        tenantOf(request),
        actorOf(request),
        id,
        checkoutId,
      );
      return representCheckout(checkout, request.core.now());
    },
  );

  app.post(
    '/v1/profiles/:id/checkouts/:checkoutId/checkin',
    {
      config,
      schema: {
        tags,
        summary: 'Check a live check-out in: it ends now, and so does the access it gave',
        description: `${rules} 409 checkout.ended when it was checked in or has expired.`,
        params: CheckoutParams,
        response: { 200: ref, ...errors(403, 404, 409) },
      },
    },
    async (request) => {
      const { id, checkoutId } = request.params;
      const checkout = await checkIn(request.core, tenantOf(request), actorOf(request), id, checkoutId);
      return representCheckout(checkout, request.core.now());
    },
  );
};
