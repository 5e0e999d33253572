import { describe, expect, it } from 'vitest';
import { argumentNames, mergeCatalogue, referenceIndex } from './extract.js';
import { parsePo, poHeader, writePo } from './po.js';

const before = parsePo(`# kept by hand
msgid ""
msgstr ""
"Language: fr\\n"
"Last-Translator: Camille\\n"

# Camille: "réunion", as the fellowship says
msgctxt "home.title"
msgid "Find a meeting"
msgstr "Trouver une réunion"

msgctxt "nav.help"
msgid "Help"
msgstr "Aide"

msgctxt "gone"
msgid "Gone"
msgstr "Parti"
`);

describe('mergeCatalogue', () => {
  const english = {
    'home.title': 'Find a meeting',
    'nav.help': 'Help and answers',
    'home.count': '{count, plural, one {# meeting} other {# meetings}}',
  };
  const { entries, summary } = mergeCatalogue('fr', english, before, (id) =>
    id === 'home.title' ? ['src/web/home.tsx'] : [],
  );
  const byId = new Map(entries.map((e) => [e.context, e]));

  it('keeps translations and translators’ comments, in the English order', () => {
    expect(entries.map((e) => e.context)).toEqual([
      undefined,
      'home.title',
      'nav.help',
      'home.count',
    ]);
    expect(byId.get('home.title')).toMatchObject({
      translation: 'Trouver une réunion',
      comments: ['Camille: "réunion", as the fellowship says'],
      references: ['src/web/home.tsx'],
      flags: ['icu-message-format'],
    });
  });

  it('marks a translation whose English changed as fuzzy, with the English it translated', () => {
    expect(byId.get('nav.help')).toMatchObject({
      source: 'Help and answers',
      translation: 'Aide',
      flags: ['fuzzy', 'icu-message-format'],
      previousSource: 'Help',
    });
  });

  it('adds new messages untranslated, with their placeholders named, and drops removed ones', () => {
    expect(byId.get('home.count')).toMatchObject({
      translation: '',
      notes: ['Keep {count} as written (ICU MessageFormat).'],
    });
    expect(byId.has('gone')).toBe(false);
    expect(summary).toEqual({ added: 1, dropped: 1, fuzzy: 1, untranslated: 1 });
  });

  it('keeps the header’s own fields and sets the ones tools need', () => {
    expect(poHeader(entries)).toMatchObject({
      Language: 'fr',
      'Last-Translator': 'Camille',
      'Content-Type': 'text/plain; charset=UTF-8',
    });
    expect(entries[0]?.comments).toEqual(['kept by hand']);
  });

  it('is stable: merging its own output changes nothing', () => {
    const again = mergeCatalogue('fr', english, parsePo(writePo(entries)), (id) =>
      id === 'home.title' ? ['src/web/home.tsx'] : [],
    );
    expect(writePo(again.entries)).toBe(writePo(entries));
  });
});

describe('argumentNames', () => {
  it('finds arguments inside plural and select branches, and no branch words', () => {
    expect(
      argumentNames('{count, plural, =0 {None} one {# at {time}} other {{who} and #}}').sort(),
    ).toEqual(['count', 'time', 'who']);
  });
});

describe('referenceIndex', () => {
  it('finds ids in string literals and under template prefixes', () => {
    const refs = referenceIndex([
      { path: 'src/a.tsx', text: "t('nav.help'); t(`finder.focus.${focus}`)" },
      { path: 'src/b.ts', text: 'const id = "nav.help";' },
    ]);
    expect(refs('nav.help')).toEqual(['src/a.tsx', 'src/b.ts']);
    expect(refs('finder.focus.food')).toEqual(['src/a.tsx']);
    expect(refs('home.title')).toEqual([]);
  });
});
