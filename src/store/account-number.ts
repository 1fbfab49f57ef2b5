import { randomInt } from 'node:crypto';

/**
 * A tenant's account number, as NAVER Cloud resource names (NRNs) carry it: twelve random
 * digits, the first not 0. Unique in the installation (the index `tenants_account_number_key`
 * refuses a repeat; at a million tenants a repeat has a chance of about one in two million).
 */
export const newAccountNumber = (): string =>
  `${randomInt(1, 10)}${String(randomInt(0, 100_000)).padStart(5, '0')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
