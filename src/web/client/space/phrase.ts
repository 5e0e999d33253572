/**
 * The 12-word recovery phrase (BIP-39 English words): made, checked and turned into the sync's
 * keys. Its word list is a chunk of its own, loaded only when a person turns sync on or types a
 * phrase in, never with the space's first load.
 */
import { generateMnemonic, mnemonicToEntropy, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { keysFromSecret, type SyncKeys } from './sync-crypto.js';

/** The phrase as the word list spells it: lower case, single spaces. */
export function normalisePhrase(text: string): string {
  return text.trim().toLowerCase().split(/\s+/).join(' ');
}

/** A new phrase: 12 words, 128 bits from the browser's random source. */
export function newPhrase(): string {
  return generateMnemonic(wordlist, 128);
}

/** Whether a text is a valid phrase (known words, right count, checksum). */
export function isPhrase(text: string): boolean {
  return validateMnemonic(normalisePhrase(text), wordlist);
}

/** The keys of a phrase; the same phrase gives the same keys on every device. */
export function keysFromPhrase(phrase: string): Promise<SyncKeys> {
  return keysFromSecret(new Uint8Array(mnemonicToEntropy(normalisePhrase(phrase), wordlist)));
}
