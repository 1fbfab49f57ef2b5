import { createPublicKey, type KeyObject } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Executor } from '../store/executor.js';
import * as repo from '../store/repositories/credential.repository.js';
import { randomHex } from './secrets.js';
import type { Sealer } from './seal.js';

export const SIGNING_ALGORITHM = 'ES256';
/** How long a process signs with the key it read before checking for a rotation by another process. */
const SIGNER_REFRESH_MS = 30_000;

interface Signer {
  kid: string;
  key: CryptoKey;
  readAt: number;
}

/**
 * The token signing keys, kept in the database so every process over it signs with the same
 * key and verifies the others' tokens. Private keys are sealed with the master key. After a
 * rotation the previous key keeps verifying until its last token has expired.
 */
export class SigningKeys {
  private signer: Signer | undefined;
  /**
   * Public keys by kid, read once: a key never changes, and one no longer published (retired
   * longer than a token lives) only verifies tokens that have expired anyway.
   */
  private readonly verifiers = new Map<string, KeyObject>();

  constructor(
    private readonly db: Executor,
    private readonly sealer: Sealer,
    private readonly tokenTtlMs: number,
    private readonly now: () => number,
  ) {}

  /** The key to sign with: the newest one not retired (created on first use). */
  async current(): Promise<{ kid: string; key: CryptoKey }> {
    const now = this.now();
    if (this.signer && now - this.signer.readAt < SIGNER_REFRESH_MS) return this.signer;
    const active = (await repo.listSigningKeys(this.db)).find((k) => k.retired_at === null);
    const row = active ?? (await this.create());
    const key = (await importJWK(
      JSON.parse(this.sealer.open(row.sealed_private_jwk, `signing-key:${row.kid}`)) as JWK,
      SIGNING_ALGORITHM,
    )) as CryptoKey;
    this.signer = { kid: row.kid, key, readAt: now };
    return this.signer;
  }

  /** The public key of `kid`, if it still verifies; reads the database for a key not seen yet. */
  async verificationKey(kid: string): Promise<KeyObject | undefined> {
    const cached = this.verifiers.get(kid);
    if (cached) return cached;
    const row = (await this.published()).find((k) => k.kid === kid);
    if (!row) return undefined;
    const key = createPublicKey({ key: JSON.parse(row.public_jwk) as JWK & { kty: string }, format: 'jwk' });
    this.verifiers.set(kid, key);
    return key;
  }

  /** The JSON Web Key Set: the current key and the retired ones whose tokens may still be live. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const rows = await this.published();
    return { keys: rows.map((row) => JSON.parse(row.public_jwk) as JWK) };
  }

  /** Makes a new key current; the previous ones verify until their tokens have expired. */
  async rotate(): Promise<string> {
    const row = await this.create();
    await repo.retireSigningKeys(this.db, row.kid, this.now());
    await repo.deleteRetiredSigningKeys(this.db, this.verifiesSince());
    this.signer = undefined;
    return row.kid;
  }

  /**
   * Keys retired since this instant still verify. Other processes may sign with a retired key
   * until they next read the keys, so its last tokens expire up to a refresh after the rotation.
   */
  private verifiesSince(): number {
    return this.now() - this.tokenTtlMs - SIGNER_REFRESH_MS;
  }

  private async published(): Promise<repo.SigningKeyRow[]> {
    const cutoff = this.verifiesSince();
    return (await repo.listSigningKeys(this.db)).filter(
      (k) => k.retired_at === null || k.retired_at > cutoff,
    );
  }

  private async create(): Promise<repo.SigningKeyRow> {
    const kid = randomHex(8);
    const pair = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' };
    const privateJwk = await exportJWK(pair.privateKey);
    const row: repo.SigningKeyRow = {
      kid,
      algorithm: SIGNING_ALGORITHM,
      public_jwk: JSON.stringify(publicJwk),
      sealed_private_jwk: this.sealer.seal(JSON.stringify(privateJwk), `signing-key:${kid}`),
      created_at: this.now(),
      retired_at: null,
    };
    await repo.insertSigningKey(this.db, row);
    return row;
  }
}
