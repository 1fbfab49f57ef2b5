/**
 * NAVER Cloud resource names: `nrn:PUB:<service>::<account number>:<type>/<id>`. The account is
 * the tenant's account number (profiled gives every tenant one). Core names them because the
 * temporary credentials of an assumed profile carry its roles' NRNs, whichever API asked.
 */
export const profileNrn = (accountNumber: string, profileId: string) =>
  `nrn:PUB:ExternalAccess::${accountNumber}:Profile/${profileId}`;

export const roleNrn = (accountNumber: string, roleId: string) =>
  `nrn:PUB:IAM::${accountNumber}:Role/${roleId}`;

/** The id an NRN (or a fragment of one) ends with: what follows the last `/`, or all of it. */
export const idInNrn = (text: string) => text.slice(text.lastIndexOf('/') + 1);
