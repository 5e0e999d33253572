import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from './feed-reader.js';

describe('decodeFeedBytes', () => {
  it('reads UTF-8, and Latin-1 bytes as Windows-1252 with a flag, never replacement marks', () => {
    const text = 'Straße – Café';
    expect(decodeFeedBytes(Buffer.from(text))).toEqual({ text, bytes: 17 });
    const latin = Buffer.from('Straße Café', 'latin1');
    expect(decodeFeedBytes(latin)).toEqual({
      text: 'Straße Café',
      bytes: 11,
      recoded: 'windows-1252',
    });
  });

  it('follows a Latin charset the server declares', () => {
    const bytes = Buffer.from([0x93, 0x48, 0x69, 0x94]);
    expect(decodeFeedBytes(bytes, 'text/csv; charset=windows-1252').text).toBe('“Hi”');
    expect(decodeFeedBytes(bytes, 'text/csv; charset=ISO-8859-1')).not.toHaveProperty('recoded');
  });

  it('reads every byte of 0x80-0x9F as the encoding standard does, not as Latin-1 controls', () => {
    const bytes = Buffer.from([0x80, 0x85, 0x8a, 0x91, 0x92, 0x96, 0x97, 0x99, 0x9f, 0x81]);
    const { text } = decodeFeedBytes(bytes, 'text/csv; charset=windows-1252');
    expect(text).toBe('€…Š‘’–—™Ÿ\u0081');
  });
});
