import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkWebLink, cleanDialString, conferenceProvider } from './links.js';

describe('checkWebLink', () => {
  it('accepts absolute https and http URLs', () => {
    expect(checkWebLink('https://zoom.us/j/123?pwd=abc')).toEqual({
      ok: true,
      url: 'https://zoom.us/j/123?pwd=abc',
    });
    expect(checkWebLink('http://example.org/meeting')).toEqual({
      ok: true,
      url: 'http://example.org/meeting',
    });
    expect(checkWebLink('  https://example.org  ')).toEqual({
      ok: true,
      url: 'https://example.org/',
    });
  });

  it('adds https:// to a bare host and path', () => {
    expect(checkWebLink('zoom.us/j/123')).toEqual({ ok: true, url: 'https://zoom.us/j/123' });
    expect(checkWebLink('meet.google.com')).toEqual({ ok: true, url: 'https://meet.google.com/' });
  });

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'vbscript:',
    'file:///etc/passwd',
    'ftp://example.org/file',
    'mailto:someone@example.org',
  ])('refuses the unsafe scheme in %j', (input) => {
    expect(checkWebLink(input)).toEqual({ ok: false, reason: 'unsafe' });
  });

  it.each([
    '//evil.example',
    '/relative/path',
    'https://user:pass@host',
    'https://user@host.example',
    'not a url',
    '',
  ])('refuses %j as invalid', (input) => {
    expect(checkWebLink(input)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('only ever vouches for http(s) URLs with a host and no credentials', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })),
        (input) => {
          const result = checkWebLink(input);
          if (result.ok) {
            const url = new URL(result.url);
            expect(['http:', 'https:']).toContain(url.protocol);
            expect(url.hostname).not.toBe('');
            expect(url.username + url.password).toBe('');
          }
        },
      ),
    );
  });
});

describe('conferenceProvider', () => {
  it.each([
    ['https://zoom.us/j/123', 'zoom'],
    ['https://us02web.zoom.us/j/85551234567?pwd=x', 'zoom'],
    ['https://ZOOM.US/j/1', 'zoom'],
    ['https://meet.google.com/abc-defg-hij', 'google_meet'],
    ['https://teams.microsoft.com/l/meetup-join/x', 'teams'],
  ])('recognises %j as %s', (url, provider) => {
    expect(conferenceProvider(url)).toBe(provider);
  });

  it.each([
    'https://example.org/zoom.us',
    'https://zoom.us.evil.example/j/1',
    'https://notzoom.us/j/1',
    'https://google.com/meet',
    'https://evilmeet.google.com/x',
    'not a url',
    '',
  ])('does not recognise %j', (url) => {
    expect(conferenceProvider(url)).toBeUndefined();
  });
});

describe('cleanDialString', () => {
  it('keeps the number, pauses, meeting id and passcode', () => {
    expect(cleanDialString('+1 (646) 558-8656,,85551234567#,,,,*123456#')).toBe(
      '+16465588656,,85551234567#,,,,*123456#',
    );
  });

  it('strips a tel: prefix and turns ; waits into pauses', () => {
    expect(cleanDialString('tel:+16465588656')).toBe('+16465588656');
    expect(cleanDialString('TEL:+1-646-558-8656;85551234567#')).toBe('+16465588656,85551234567#');
  });

  it('keeps only a leading +', () => {
    expect(cleanDialString('646+558+8656')).toBe('6465588656');
    expect(cleanDialString('++1 646 558 8656')).toBe('+16465588656');
  });

  it('refuses numbers with fewer than seven digits before the first pause', () => {
    expect(cleanDialString('555-1234')).toBe('5551234');
    expect(cleanDialString('555-123')).toBeUndefined();
    expect(cleanDialString('12345,,67890123')).toBeUndefined();
    expect(cleanDialString('+1')).toBeUndefined();
    expect(cleanDialString('')).toBeUndefined();
    expect(cleanDialString('call us')).toBeUndefined();
  });

  it('only ever writes digits, pauses, tones and at most one leading +', () => {
    const dialChars = fc.constantFrom(...'0123456789+,;#*() -.tel:abcX１２'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: dialChars, minLength: 7 })), (input) => {
        const out = cleanDialString(input);
        if (out !== undefined) {
          expect(out).toMatch(/^\+?[0-9,#*]*$/);
          const beforePause = out.split(',')[0] ?? '';
          expect(beforePause.replace(/\D/g, '').length).toBeGreaterThanOrEqual(7);
        }
      }),
    );
  });
});
