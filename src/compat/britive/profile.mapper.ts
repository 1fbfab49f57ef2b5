import type { Static } from 'typebox';
import type { Profile } from '../../core/model/profile.js';
import { toIso } from '../../core/model/time.js';
import type { ProfileCreate, ProfilePatch } from '../../core/schemas/profile.schema.js';
import type {
  ProfileCreateDto,
  ProfilePatchDto,
  ResourceProfileDto,
  ResourceProfileInfo,
} from './profile.schemas.js';

type CheckoutChange = NonNullable<ProfilePatch['checkout']>;

/** Britive's check-out fields as profiled's; a field left out is left out (a PATCH keeps it). */
function checkoutOf(body: Static<typeof ProfilePatchDto>): CheckoutChange {
  const change: CheckoutChange = {};
  if (body.expirationDuration !== undefined) change.durationMs = body.expirationDuration;
  if (body.extendable !== undefined) change.extendable = body.extendable;
  if (body.extensionDuration !== undefined) change.extensionDurationMs = body.extensionDuration;
  if (body.extensionLimit !== undefined) change.extensionLimit = body.extensionLimit;
  if (body.notificationPriorToExpiration !== undefined)
    change.notifyBeforeExpiryMs = body.notificationPriorToExpiration;
  if (body.exclusiveCheckout !== undefined) change.exclusive = body.exclusiveCheckout;
  if (body.delegationEnabled !== undefined) change.delegationEnabled = body.delegationEnabled;
  if (body.policyOrderingEnabled !== undefined) change.policyOrderingEnabled = body.policyOrderingEnabled;
  return change;
}

export function toProfilePatch(body: Static<typeof ProfilePatchDto>): ProfilePatch {
  const checkout = checkoutOf(body);
  return {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.description !== undefined && { description: body.description }),
    ...(body.status !== undefined && { enabled: body.status === 'active' }),
    ...(Object.keys(checkout).length > 0 && { checkout }),
  };
}

/** A new profile as Britive creates one: active unless told, for the profile's own tenant. */
export const toProfileCreate = (body: Static<typeof ProfileCreateDto>): ProfileCreate => ({
  ...toProfilePatch(body),
  name: body.name,
});

/** Present fields only, as Britive (Jackson NON_NULL) sends them. */
const present = <K extends string, V>(key: K, value: V | null) =>
  (value === null ? {} : { [key]: value }) as Partial<Record<K, V>>;

export function toResourceProfileDto(profile: Profile): Static<typeof ResourceProfileDto> {
  const c = profile.checkout;
  return {
    profileId: profile.id,
    name: profile.name,
    ...present('description', profile.description),
    expirationDuration: c.durationMs ?? 0,
    status: profile.enabled ? 'active' : 'inactive',
    delegationEnabled: c.delegationEnabled,
    extendable: c.extendable,
    ...present('extensionDuration', c.extensionDurationMs),
    ...present('extensionLimit', c.extensionLimit),
    ...present('notificationPriorToExpiration', c.notifyBeforeExpiryMs),
    policyOrderingEnabled: c.policyOrderingEnabled,
    exclusiveCheckout: c.exclusive,
  };
}

export function toResourceProfileInfo(profile: Profile): Static<typeof ResourceProfileInfo> {
  return {
    id: profile.id,
    name: profile.name,
    ...present('description', profile.description),
    associations: profile.associations,
    status: profile.enabled ? 'active' : 'inactive',
    expiration: String(profile.checkout.durationMs ?? 0),
    ...present('lastAccessed', profile.lastAccessedAt === null ? null : toIso(profile.lastAccessedAt)),
    lastModifiedBy: profile.updatedBy,
    policyOrderingEnabled: profile.checkout.policyOrderingEnabled,
  };
}
