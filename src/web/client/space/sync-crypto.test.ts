import { describe, expect, it } from 'vitest';
import { isPhrase, keysFromPhrase, newPhrase } from './phrase.js';
import { seal, unseal } from './sync-crypto.js';

describe('the sync keys and sealing', () => {
  it('makes 12-word phrases that give the same account, token and key on every device', async () => {
    const phrase = newPhrase();
    expect(phrase.split(' ')).toHaveLength(12);
    expect(isPhrase(phrase)).toBe(true);
    const here = await keysFromPhrase(phrase);
    // Typed again on another device, with stray capitals and spaces.
    const there = await keysFromPhrase(`  ${phrase.toUpperCase().replace(/ /g, '   ')} `);
    expect(there.account).toBe(here.account);
    expect(there.token).toBe(here.token);
    expect(here.account).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(here.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await unseal(there, await seal(here, 'a line of mine'))).toBe('a line of mine');
  });

  it('refuses a wrong word, and a blob sealed for another account', async () => {
    const phrase = newPhrase();
    const words = phrase.split(' ');
    // A word not in the list, and a word missing (a changed word may still pass the checksum).
    expect(isPhrase([...words.slice(0, 3), 'lantern', ...words.slice(4)].join(' '))).toBe(false);
    expect(isPhrase(words.slice(0, 11).join(' '))).toBe(false);
    const mine = await keysFromPhrase(phrase);
    const other = await keysFromPhrase(newPhrase());
    const blob = await seal(mine, 'private');
    await expect(unseal(other, blob)).rejects.toThrow();
    await expect(unseal({ ...mine, account: other.account }, blob)).rejects.toThrow();
  });

  it('never repeats a nonce, so equal texts seal differently', async () => {
    const keys = await keysFromPhrase(newPhrase());
    expect(await seal(keys, 'same')).not.toBe(await seal(keys, 'same'));
  });
});
