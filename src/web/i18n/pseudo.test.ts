import { describe, expect, it } from 'vitest';
import { catalogue, translator } from './translator.js';
import { pseudoText } from './pseudo.js';

describe('the pseudo-locale', () => {
  const t = translator('en-xa');

  it('accents, lengthens and brackets a message', () => {
    expect(t('nav.help')).toBe(`[${pseudoText('Help')}]`);
    expect(pseudoText('Help')).toBe('Ĥééļþ');
    const english = 'Find a meeting';
    expect(t('home.title').length).toBeGreaterThanOrEqual(Math.round(english.length * 1.3));
    expect(t('home.title')).not.toMatch(/[A-Za-z]{3}/);
  });

  it('keeps placeholders, plural keywords and # as they are', () => {
    const text = t('home.count', { count: 3 });
    expect(text).toMatch(/^\[3 /);
    expect(text.endsWith(']')).toBe(true);
    expect(t('rides.ask.title', { name: 'Greenfield Group' })).toContain('Greenfield Group');
    expect(t('finder.fallback.summary', { found: 0, kind: 'women', distance: '10 mi' })).toContain(
      '10 mi',
    );
  });

  it('has every English message, so a page in it never shows an id', () => {
    expect(catalogue('en-xa')).toBe(catalogue('en'));
  });
});
