import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newDataKey, open, openJson, seal, sealJson } from './envelope.js';
import { createKeyring, masterKeyId, parseMasterKey } from './keyring.js';

describe('sealed values', () => {
  it('open to what was sealed, under the same key and context only', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, context) => {
        const key = newDataKey();
        const sealed = seal(key, text, context);
        expect(open(key, sealed, context).toString('utf8')).toBe(text);
        expect(() => open(newDataKey(), sealed, context)).toThrow();
        expect(() => open(key, sealed, `${context}x`)).toThrow();
      }),
      { numRuns: 50 },
    );
  });

  it('differ every time, and refuse altered bytes', () => {
    const key = newDataKey();
    const a = seal(key, 'same', 'c');
    expect(seal(key, 'same', 'c')).not.toBe(a);
    const [v, iv, body] = a.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => open(key, `${v}.${iv}.${flipped.toString('base64url')}`, 'c')).toThrow();
    expect(openJson(key, sealJson(key, { n: 1 }, 'j'), 'j')).toEqual({ n: 1 });
  });
});

describe('the keyring', () => {
  it('wraps data keys for one record and unwraps them with the key id', () => {
    const master = newDataKey();
    const keyring = createKeyring(master);
    const dataKey = newDataKey();
    const { wrapped, keyId } = keyring.wrapKey(dataKey, 'member:c:m');
    expect(keyId).toBe(masterKeyId(master));
    expect(keyring.unwrapKey(wrapped, keyId, 'member:c:m').equals(dataKey)).toBe(true);
    expect(() => keyring.unwrapKey(wrapped, keyId, 'member:c:other')).toThrow();
    expect(() => createKeyring(newDataKey()).unwrapKey(wrapped, keyId, 'member:c:m')).toThrow();
    // After a rotation the previous key still opens what it wrapped.
    const rotated = createKeyring(newDataKey(), [master]);
    expect(rotated.unwrapKey(wrapped, keyId, 'member:c:m').equals(dataKey)).toBe(true);
  });

  it('derives stable, distinct keys per purpose', () => {
    const keyring = createKeyring(Buffer.alloc(32, 1));
    expect(keyring.deriveKey('a').equals(createKeyring(Buffer.alloc(32, 1)).deriveKey('a'))).toBe(
      true,
    );
    expect(keyring.deriveKey('a').equals(keyring.deriveKey('b'))).toBe(false);
    expect(keyring.deriveKey('a').equals(createKeyring(Buffer.alloc(32, 2)).deriveKey('a'))).toBe(
      false,
    );
  });

  it('reads a master key as base64 or hex, and refuses a short one', () => {
    const key = newDataKey();
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseMasterKey(`${key.toString('hex')}\n`).equals(key)).toBe(true);
    expect(() => parseMasterKey('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
