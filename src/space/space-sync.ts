/**
 * Encrypted sync for the personal space: the server keeps ciphertext blobs per account and
 * learns nothing else (decision 0113). An account is created by its first write; every later
 * request must carry the same token, kept here only as its SHA-256.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { BlobInfo, SpaceBlobRepository, StoredBlob } from './blob-repository.js';

/** The largest blob kept, in bytes of ciphertext: years of daily check-ins fit many times. */
export const MAX_BLOB_BYTES = 2 * 1024 * 1024;

const hashOf = (token: string) => createHash('sha256').update(token).digest();

export class SpaceSync {
  constructor(
    private readonly blobs: SpaceBlobRepository,
    private readonly clock: Clock,
  ) {}

  /** Throws unless the token is the account's; false when the account does not exist. */
  private async check(account: string, token: string): Promise<boolean> {
    const kept = await this.blobs.tokenHash(account);
    if (kept === undefined) return false;
    const expected = Buffer.from(kept, 'hex');
    const given = hashOf(token);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new PorchlightError('PL_SPACE_TOKEN_WRONG');
    return true;
  }

  /** The account's blobs (none for an account not yet written to). */
  async list(account: string, token: string): Promise<BlobInfo[]> {
    return (await this.check(account, token)) ? this.blobs.list(account) : [];
  }

  /** One blob, ciphertext included. */
  async read(account: string, token: string, id: string): Promise<StoredBlob> {
    const blob = (await this.check(account, token)) ? await this.blobs.get(account, id) : undefined;
    if (blob === undefined) throw new PorchlightError('PL_NOT_FOUND');
    return blob;
  }

  /**
   * Writes a blob over version `expected` (0 for a new one), creating the account on its first
   * write; a write over a version that has moved on is refused so the device merges first.
   */
  async write(
    account: string,
    token: string,
    id: string,
    expected: number,
    ciphertext: string,
  ): Promise<BlobInfo> {
    const at = this.clock.now().toISOString();
    if (!(await this.check(account, token))) {
      await this.blobs.createAccount(account, hashOf(token).toString('hex'), at);
      await this.check(account, token);
    }
    const size = Buffer.byteLength(ciphertext, 'base64');
    if (size > MAX_BLOB_BYTES) throw new PorchlightError('PL_INVALID_BODY');
    const written = await this.blobs.put(account, id, expected, ciphertext, size, at);
    if (written === undefined) throw new PorchlightError('PL_SPACE_VERSION_CONFLICT');
    return written;
  }

  /** Deletes the account and its blobs (an unknown account is already deleted). */
  async deleteAccount(account: string, token: string): Promise<void> {
    if (await this.check(account, token)) await this.blobs.deleteAccount(account);
  }
}
