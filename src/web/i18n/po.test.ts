import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePo, poEntry as entry, poHeader, writePo } from './po.js';

describe('parsePo', () => {
  it('reads the header, contexts, comments, flags and continued strings', () => {
    const entries = parsePo(
      [
        '# a translator wrote this',
        'msgid ""',
        'msgstr ""',
        '"Language: es\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '',
        '#. Keep {count} as written.',
        '#: src/a.tsx src/b.ts',
        '#, fuzzy, icu-message-format',
        '#| msgid "Old {count}"',
        'msgctxt "home.count"',
        'msgid ""',
        '"{count, plural, one {# meeting}\\n"',
        '" other {# meetings}}"',
        'msgstr "{count, plural, one {# reunión} other {# reuniones}}"',
        '',
        '#~ msgctxt "gone"',
        '#~ msgid "Gone"',
        '#~ msgstr "Ido"',
      ].join('\r\n'),
    );
    expect(entries).toHaveLength(2);
    expect(poHeader(entries)).toEqual({
      Language: 'es',
      'Content-Type': 'text/plain; charset=UTF-8',
    });
    expect(entries[0]?.comments).toEqual(['a translator wrote this']);
    expect(entries[1]).toEqual({
      context: 'home.count',
      source: '{count, plural, one {# meeting}\n other {# meetings}}',
      translation: '{count, plural, one {# reunión} other {# reuniones}}',
      flags: ['fuzzy', 'icu-message-format'],
      notes: ['Keep {count} as written.'],
      references: ['src/a.tsx', 'src/b.ts'],
      previousSource: 'Old {count}',
      comments: [],
    });
  });

  it.each([
    ['msgctxt "a"\nmsgid "A"', /line 1: entry without msgstr/],
    ['msgctxt "a"\nmsgid "A"\nmsgstr "x"\nmsgctxt "a"\nmsgid "A"\nmsgstr "y"', /line 4: .*twice/],
    ['msgid "A"\nmsgstr "x"', /without msgctxt/],
    ['msgctxt "a"\nmsgid "A"\nmsgid_plural "As"\nmsgstr[0] "x"', /line 3: gettext plurals/],
    ['msgctxt "a"\nmsgstr "x"\nmsgid "A"', /line 2: msgstr without msgid/],
    ['msgctxt "a"\nmsgid "A"\nmsgstr "x\\q"', /line 3: unknown escape \\q/],
    ['msgctxt "a"\nmsgid "A"\nmsgstr "x"y"', /unescaped "/],
    ['msgctxt "a"\nmsgid "A"\nmsgstr x', /unexpected line/],
    ['"stray"', /line 1: a string outside/],
    ['msgctxt "a"\nmsgid "A"\n#. note\nmsgstr "x"', /entry without msgstr/],
  ])('refuses %j', (text, error) => {
    expect(() => parsePo(text)).toThrow(error);
  });
});

describe('writePo', () => {
  it('writes what parsePo reads back, for any text', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            context: fc.stringMatching(/^[a-z]+(\.[a-z]+){0,2}$/),
            source: text,
            translation: text,
            previousSource: fc.option(text, { nil: undefined }),
            flags: fc.constantFrom<string[]>([], ['fuzzy'], ['fuzzy', 'icu-message-format']),
            notes: fc.array(fc.stringMatching(/^\S(.*\S)?$/), { maxLength: 2 }),
          }),
          { selector: (e) => e.context },
        ),
        (drawn) => {
          const entries = drawn.map(({ previousSource, ...rest }) =>
            entry({
              ...rest,
              flags: [...rest.flags],
              notes: rest.notes.map((n) => n.replace(/[\r\n]/g, ' ').trim() || 'x'),
              ...(previousSource !== undefined ? { previousSource } : {}),
            }),
          );
          expect(parsePo(writePo(entries))).toEqual(entries);
        },
      ),
    );
  });

  it('splits a text with line breaks after each, as gettext does', () => {
    expect(writePo([entry({ context: 'a', source: 'one\ntwo\n', translation: 'x' })])).toBe(
      'msgctxt "a"\nmsgid ""\n"one\\n"\n"two\\n"\nmsgstr "x"\n',
    );
  });
});
