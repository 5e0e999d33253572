import { describe, expect, it } from 'vitest';
import { directionsHref, displayDial, formatPhoneNumber, safeWebHref, telHref } from './links.js';

describe('safeWebHref', () => {
  it('keeps http and https links', () => {
    expect(safeWebHref('https://zoom.us/j/123?pwd=a')).toBe('https://zoom.us/j/123?pwd=a');
    expect(safeWebHref('http://example.org/')).toBe('http://example.org/');
  });

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/x',
    '/relative',
    'https://user:pass@example.org/',
    'tel:+14135550100',
    '',
  ])('refuses %j', (url) => {
    expect(safeWebHref(url)).toBeUndefined();
  });

  it('is undefined for no URL', () => {
    expect(safeWebHref(undefined)).toBeUndefined();
  });
});

describe('telHref', () => {
  it('builds a one-tap dial link with pauses and an encoded #', () => {
    expect(telHref('+16465588656,,85432109876#,,,,123456#')).toBe(
      'tel:+16465588656,,85432109876%23,,,,123456%23',
    );
    expect(telHref('(413) 555-0100')).toBe('tel:4135550100');
    expect(telHref('+1 413 555 0100;123#')).toBe('tel:+14135550100,123%23');
  });

  it('refuses what is not a phone number', () => {
    expect(telHref('call us')).toBeUndefined();
    expect(telHref('javascript:alert(1)')).toBeUndefined();
    expect(telHref('12345')).toBeUndefined();
    expect(telHref(undefined)).toBeUndefined();
  });

  it('never lets script through', () => {
    const href = telHref('+14135550100,<script>alert(1)</script>');
    expect(href).toBe('tel:+14135550100,1');
  });
});

describe('displayDial', () => {
  it('separates the number from the codes it dials', () => {
    expect(displayDial('+16465588656,,85432109876#,,,,123456#')).toEqual({
      number: '(646) 558-8656',
      codes: ['85432109876#', '123456#'],
    });
    expect(displayDial('+442071234567')).toEqual({ number: '+442071234567', codes: [] });
    expect(displayDial('nope')).toBeUndefined();
  });

  it('formats North American numbers', () => {
    expect(formatPhoneNumber('4135550100')).toBe('(413) 555-0100');
    expect(formatPhoneNumber('+14135550100')).toBe('(413) 555-0100');
    expect(formatPhoneNumber('+33142685300')).toBe('+33142685300');
  });
});

describe('directionsHref', () => {
  it('points OpenStreetMap at the coordinates', () => {
    expect(directionsHref(42.5921, -72.5987)).toBe(
      'https://www.openstreetmap.org/directions?to=42.5921,-72.5987',
    );
  });
});
