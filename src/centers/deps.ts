import type { Clock } from '../platform/clock.js';
import type { Keyring } from '../platform/crypto/keyring.js';
import type { Repositories } from '../repositories.js';
import type { ListingPorts } from './events/listing.js';

/** What desk services are handed: storage, time, and the keyring (loaded on first use). */
export interface DeskDeps {
  repos: Repositories;
  clock: Clock;
  keyring: () => Keyring;
  /**
   * How the center's public groups reach the meeting finder (locating, telling the index);
   * without it they are still written, and the index reads them when it is next built.
   */
  listing?: ListingPorts;
}
