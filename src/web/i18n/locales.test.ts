import { describe, expect, it } from 'vitest';
import { direction, localePath, negotiateLocale, splitLocalePath } from './locales.js';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['es', 'es'],
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['de-CH,de;q=0.9,es;q=0.5,en;q=0.4', 'es'],
    ['de, it', 'en'],
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    ['pt-BR', 'pt'],
    ['en-XA, es;q=0.5', 'en'],
    ['*', 'en'],
    ['en;q=0.2, es;q=0.7', 'es'],
    ['es;q=0, en', 'en'],
    ['ES-us', 'es'],
    ['garbage;;;q=abc, es', 'es'],
    ['en;q=0.5, es;q=0.5', 'en'],
  ])('%s -> %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('locale paths', () => {
  it('prefixes a path with its locale', () => {
    expect(localePath('es', '/help')).toBe('/es/help');
    expect(localePath('en', '/')).toBe('/en/');
    expect(localePath('en', 'about')).toBe('/en/about');
  });

  it('splits a prefixed path and leaves others alone', () => {
    expect(splitLocalePath('/es/meetings/x')).toEqual({ locale: 'es', path: '/meetings/x' });
    expect(splitLocalePath('/en')).toEqual({ locale: 'en', path: '/' });
    expect(splitLocalePath('/en/')).toEqual({ locale: 'en', path: '/' });
    expect(splitLocalePath('/help')).toEqual({ path: '/help' });
    expect(splitLocalePath('/fr/help')).toEqual({ locale: 'fr', path: '/help' });
    expect(splitLocalePath('/de/help')).toEqual({ path: '/de/help' });
    expect(splitLocalePath('/en-xa/x')).toEqual({ locale: 'en-xa', path: '/x' });
    expect(splitLocalePath('/en-us/x')).toEqual({ path: '/en-us/x' });
    expect(splitLocalePath('/essay')).toEqual({ path: '/essay' });
  });
});

describe('direction', () => {
  it('is right to left for Arabic and its kin, left to right otherwise', () => {
    expect(direction('ar')).toBe('rtl');
    expect(direction('ar-EG')).toBe('rtl');
    expect(direction('fa')).toBe('rtl');
    expect(direction('en')).toBe('ltr');
    expect(direction('en-xa')).toBe('ltr');
    expect(direction('pt')).toBe('ltr');
  });
});
