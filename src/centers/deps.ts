import type { Clock } from '../platform/clock.js';
import type { Keyring } from '../platform/crypto/keyring.js';
import type { Repositories } from '../repositories.js';

/** What desk services are handed: storage, time, and the keyring (loaded on first use). */
export interface DeskDeps {
  repos: Repositories;
  clock: Clock;
  keyring: () => Keyring;
}
