import type { Clock } from '../platform/clock.js';
import type { Keyring } from '../platform/crypto/keyring.js';
import type { Repositories } from '../repositories.js';
import type { Contact } from './model.js';

/** A message to a rider or a driver: a subject for mail, the text for both. */
export interface RideMessage {
  subject: string;
  text: string;
}

/**
 * How rides reach people: the app queues each message on the delivery queue (a text message or
 * a mail, by the contact's channel); the same key twice sends once.
 */
export interface RideMessenger {
  send(to: Contact, message: RideMessage, idempotencyKey: string): Promise<void>;
}

/** What ride services are handed: storage, time, the keyring, the messenger, the site's address. */
export interface RideDeps {
  repos: Repositories;
  clock: Clock;
  keyring: () => Keyring;
  messenger: RideMessenger;
  publicUrl: string;
}
