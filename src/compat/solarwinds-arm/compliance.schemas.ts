import { Type } from 'typebox';

export const ProfileCounts = Type.Object({
  AssignedAccountsCount: Type.Integer({ description: 'Accounts holding the profile now' }),
  NonCompliantAccountsCount: Type.Integer({
    description:
      'Of those, the accounts whose directory groups or attributes differ from what their profiles desire',
  }),
});

export const AdditionalProfileInformation = Type.Record(Type.String(), ProfileCounts, {
  description: 'Per profile id, its counts',
});

export const ProfileAssignment = Type.Object({
  ProfileId: Type.String(),
  UserId: Type.String(),
  Fqdn: Type.Union([Type.String(), Type.Null()], { description: "The account's distinguished name" }),
  UserName: Type.String(),
  IsNonCompliant: Type.Boolean({
    description: 'The account lacks a group or an attribute value one of the profiles it holds desires',
  }),
});
