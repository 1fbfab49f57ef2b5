import { Type } from 'typebox';
import { DirectoryAttribute } from '../../core/schemas/user.schema.js';
import { Instant } from './common.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Counts = (fields: string[]) =>
  Type.Object(Object.fromEntries(fields.map((field) => [field, Type.Integer({ minimum: 0 })])));

export const SyncReportSchema = Type.Object(
  {
    startedAt: Instant,
    finishedAt: Instant,
    accounts: Counts(['read', 'created', 'updated', 'unchanged', 'vanished', 'failed']),
    groups: Counts(['read', 'created', 'updated', 'unchanged', 'vanished']),
    failures: Type.Array(
      Type.Object({
        dn: Type.String(),
        kind: Type.Union([Type.Literal('account'), Type.Literal('group')]),
        reason: Type.String(),
      }),
    ),
  },
  { $id: 'SyncReport', description: 'What one sync of a directory read and wrote' },
);

export const DirectorySchema = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    name: Type.String(),
    provider: Type.String({ description: "Shown as the accounts' directory provider (AD, OpenLDAP, ...)" }),
    url: Type.String(),
    startTls: Type.Boolean(),
    caCertificate: NullableString,
    tlsVerify: Type.Boolean(),
    bindDn: Type.String(),
    baseDn: Type.String(),
    userFilter: Type.String(),
    groupFilter: Type.String(),
    attributes: Type.Array(Type.String(), { description: 'LDAP attributes read for accounts' }),
    attributeMap: Type.Object({
      username: Type.String(),
      id: Type.String(),
      email: NullableString,
      displayName: NullableString,
      givenName: NullableString,
      familyName: NullableString,
      sid: NullableString,
      groupName: Type.String(),
      groupMember: Type.String(),
    }),
    writable: Type.Boolean({ description: 'Remediation may modify the directory with this bind' }),
    lastSync: Type.Union([Type.Ref('SyncReport'), Type.Null()]),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { $id: 'Directory', description: 'An LDAP directory of the tenant (its bind password is never shown)' },
);

const DesiredGroupGap = Type.Object({
  name: Type.String(),
  provider: NullableString,
  sid: NullableString,
  profileIds: Type.Array(Type.String()),
});

export const AccountComplianceSchema = Type.Object(
  {
    userId: Type.String(),
    username: Type.String(),
    directoryId: NullableString,
    fqdn: NullableString,
    profileIds: Type.Array(Type.String(), { description: 'The profiles the account holds now' }),
    compliant: Type.Boolean(),
    unassigned: Type.Boolean({ description: 'Non-compliant only because it holds no profile' }),
    missingGroups: Type.Array(DesiredGroupGap),
    differentAttributes: Type.Array(
      Type.Object({
        name: Type.String(),
        desired: Type.String(),
        actual: Type.Array(Type.String()),
        profileIds: Type.Array(Type.String()),
      }),
    ),
    extraGroups: Type.Array(Type.String(), { description: 'Groups no profile of the account desires' }),
    actualAttributes: Type.Array(DirectoryAttribute),
  },
  { $id: 'AccountCompliance' },
);

export const RemediationSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    accounts: Type.Array(
      Type.Object({
        userId: Type.String(),
        username: Type.String(),
        directoryId: NullableString,
        status: Type.Union([Type.Literal('planned'), Type.Literal('applied'), Type.Literal('failed')]),
        changes: Type.Array(
          Type.Object({
            kind: Type.Union([Type.Literal('add-to-group'), Type.Literal('set-attribute')]),
            name: Type.String(),
            value: NullableString,
            ldap: Type.Object({
              dn: Type.String(),
              operation: Type.Union([Type.Literal('add'), Type.Literal('replace')]),
              attribute: Type.String(),
              values: Type.Array(Type.String()),
            }),
          }),
        ),
        unresolved: Type.Array(Type.String()),
        error: NullableString,
      }),
    ),
    resynced: Type.Array(Type.String(), { description: 'Directories synced again after applying' }),
  },
  { $id: 'Remediation' },
);
