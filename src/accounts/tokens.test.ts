import { describe, expect, it } from 'vitest';
import { emailFingerprint, hashToken, isTokenShaped, newToken, sameSecret } from './tokens.js';

describe('tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const tokens = Array.from({ length: 200 }, newToken);
    for (const token of tokens) {
      expect(isTokenShaped(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as a SHA-256 that does not contain them', () => {
    const token = newToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(newToken())).not.toBe(hashToken(token));
  });

  it('refuse anything not shaped like one', () => {
    for (const value of [
      undefined,
      42,
      '',
      'short',
      `${newToken()}x`,
      `${newToken().slice(1)}=`,
      "' or 1=1 --",
    ])
      expect(isTokenShaped(value)).toBe(false);
  });

  it('compare in constant time, length included', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });

  it('fingerprint an email without revealing it', () => {
    expect(emailFingerprint('sam@example.org')).toMatch(/^[0-9a-f]{16}$/);
    expect(emailFingerprint('sam@example.org')).not.toBe(emailFingerprint('pat@example.org'));
  });
});
