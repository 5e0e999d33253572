/**
 * The catalogues' contract (decisions 0142 and 0143): every file is what the extract would
 * write (no unused key, no stale English), every English message is used somewhere in the code,
 * every translation is valid ICU keeping the English placeholders, and each offered language
 * translates every message its readers meet: all of them in English and Spanish, all but the
 * staff pages' elsewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/paths.js';
import { fullLanguages, isStaffMessage, readCatalogueEntries } from './catalogue-files.js';
import { argumentNames } from './extract.js';
import { catalogueLanguages, renderCatalogues } from './extract-files.js';
import { locales } from './locales.js';
import { en } from './messages-en.js';

const rendered = renderCatalogues();

describe('the English messages', () => {
  it('are valid ICU', () => {
    for (const [id, text] of Object.entries(en))
      expect(() => argumentNames(text), id).not.toThrow();
  });

  it('are each used by the code (a message no page asks for is an unused key)', () => {
    const es = readCatalogueEntries('es');
    const unused = es.filter((e) => e.context !== undefined && e.references.length === 0);
    expect(unused.map((e) => e.context)).toEqual([]);
  });
});

describe('every offered language', () => {
  it('has a catalogue file', () => {
    for (const locale of locales.filter((l) => l !== 'en'))
      expect(catalogueLanguages()).toContain(locale);
  });
});

describe.each(rendered)('the $language catalogue', ({ path, language, text }) => {
  const entries = readCatalogueEntries(language);

  it('is what `npm run i18n:extract` writes (no unused or stale key)', () => {
    const stale = readFileSync(join(projectRoot, path), 'utf8') !== text;
    expect(stale, `${path} is stale: run npm run i18n:extract`).toBe(false);
  });

  it('holds valid ICU that keeps the English placeholders', () => {
    for (const entry of entries) {
      if (entry.context === undefined || entry.translation === '') continue;
      let names: string[] = [];
      expect(() => (names = argumentNames(entry.translation)), entry.context).not.toThrow();
      for (const name of argumentNames(entry.source))
        expect(names, `${language} ${entry.context} lacks {${name}}`).toContain(name);
    }
  });

  const offered = (locales as readonly string[]).includes(language);
  it.runIf(offered)('translates every message its readers meet', () => {
    const full = fullLanguages.includes(language);
    const missing = entries
      .filter((e) => e.context !== undefined && e.translation.trim() === '')
      .map((e) => e.context ?? '')
      .filter((id) => full || !isStaffMessage(id));
    expect(missing, `${language} lacks translations`).toEqual([]);
  });
});
