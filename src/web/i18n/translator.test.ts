import { describe, expect, it } from 'vitest';
import { catalogue, compileCatalogue, translator } from './translator.js';
import { translations } from './catalogue-files.js';
import { en } from './messages-en.js';

const es = catalogue('es');

describe('catalogues', () => {
  it('have the same ids in both languages and no empty message', () => {
    expect(Object.keys(translations('es')).sort()).toEqual(Object.keys(en).sort());
    for (const text of [...Object.values(en), ...Object.values(es)])
      expect(text.trim()).not.toBe('');
  });

  it('fall back to English message by message', () => {
    expect(catalogue('en')).toBe(en);
    expect(Object.keys(catalogue('es'))).toEqual(Object.keys(en));
  });

  it('compile as ICU MessageFormat', () => {
    expect(() => compileCatalogue(en)).not.toThrow();
    expect(() => compileCatalogue(es)).not.toThrow();
    expect(() => compileCatalogue({ bad: '{count, plural, one {x}' })).toThrow(/bad/);
  });
});

describe('translator', () => {
  it('interpolates and pluralises per language', () => {
    const t = translator('en');
    expect(t('home.count', { count: 1 })).toBe(
      '1 meeting is listed, in person, online and by phone.',
    );
    expect(t('home.count', { count: 0 })).toBe('No meetings are listed yet.');
    expect(translator('es')('home.count', { count: 2 })).toContain('Hay 2 reuniones');
  });

  it('chooses the Spanish article by the hour', () => {
    const t = translator('es');
    expect(t('when.weekly', { weekday: 'martes', time: '1:00', hour: 1 })).toBe(
      'Cada martes a la 1:00',
    );
    expect(t('when.weekly', { weekday: 'martes', time: '19:00', hour: 19 })).toBe(
      'Cada martes a las 19:00',
    );
  });

  it('leaves values as plain text (pages escape them)', () => {
    expect(translator('en')('report.thanks.back', { name: '<b>x</b>' })).toBe('Back to <b>x</b>');
  });

  it('answers a message asked again from memory, and never mixes up two sets of values', () => {
    const t = translator('en');
    expect(translator('en')).toBe(t);
    const one = t('home.count', { count: 1 });
    expect(t('home.count', { count: 1 })).toBe(one);
    expect(t('home.count', { count: 2 })).not.toBe(one);
    // A value carrying what a naive key would use as separators is still its own message.
    const tricky = t('when.weekly', {
      weekday: 'martes\u0000time\u00011:00',
      time: '2:00',
      hour: 2,
    });
    const plain = t('when.weekly', {
      weekday: 'martes',
      time: '1:00\u0000time\u00012:00',
      hour: 2,
    });
    expect(tricky).not.toBe(plain);
    expect(t('when.weekly', { weekday: 'martes', time: '1:00', hour: 1 })).toBe(
      'Every martes at 1:00',
    );
  });
});
