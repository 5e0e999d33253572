import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languageFromMeetingGuideCode, meetingGuideLanguageCodes } from './languages.js';
import { focusAreas } from './model.js';
import {
  focusOf,
  getProgram,
  isProgramId,
  programs,
  resolveTypeCode,
  typeName,
  typeTags,
} from './programs.js';
import type { Program } from './programs.js';

const programIds = [
  'aa',
  'na',
  'al-anon',
  'smart-recovery',
  'ga',
  'ca',
  'cma',
  'oa',
  'slaa',
  'saa',
  'coda',
  'recovery-dharma',
  'refuge-recovery',
  'celebrate-recovery',
  'lifering',
  'women-for-sobriety',
  'all-recovery',
];

function mustGet(id: string): Program {
  const program = getProgram(id);
  if (program === undefined) throw new Error(`no program ${id}`);
  return program;
}

const aa = mustGet('aa');
const na = mustGet('na');
const alAnon = mustGet('al-anon');
const smart = mustGet('smart-recovery');

describe('the program registry', () => {
  it('has every program, each with a name, a vocabulary and a focus', () => {
    expect(programs.map((p) => p.id).sort()).toEqual([...programIds].sort());
    for (const id of programIds) {
      expect(isProgramId(id), id).toBe(true);
      const program = mustGet(id);
      expect(program.id).toBe(id);
      expect(program.name).not.toBe('');
      expect(program.names.en).toBe(program.name);
      expect(program.names.es).not.toBe('');
      expect(program.types.size, id).toBeGreaterThan(0);
      expect(program.focus.length, id).toBeGreaterThan(0);
      for (const f of program.focus) expect(focusAreas).toContain(f);
    }
  });

  it('knows no other program', () => {
    expect(isProgramId('AA')).toBe(false);
    expect(isProgramId('alcoholics-anonymous')).toBe(false);
    expect(getProgram('')).toBeUndefined();
  });

  it('gives the expected focus', () => {
    expect(aa.focus).toEqual(['alcohol']);
    expect(na.focus).toEqual(['drugs']);
    expect(mustGet('ga').focus).toEqual(['gambling']);
    expect(alAnon.focus).toEqual(['family_and_friends']);
    expect(smart.focus).toEqual(['alcohol', 'drugs', 'gambling', 'behaviour']);
    expect(mustGet('oa').focus).toEqual(['food']);
    expect(mustGet('slaa').focus).toEqual(['sex_and_love']);
    expect(mustGet('saa').focus).toEqual(['sex_and_love']);
    expect(mustGet('coda').focus).toEqual(['co_dependency']);
  });

  it('keeps every type well-formed', () => {
    for (const program of programs) {
      const upperCodes = new Set<string>();
      for (const [code, def] of program.types) {
        const where = `${program.id} ${code}`;
        expect(def.code, where).toBe(code);
        expect(code.trim(), where).toBe(code);
        expect(def.names.en, where).not.toBe('');
        expect(def.names.es, where).not.toBe('');
        for (const tag of def.tags ?? []) expect(typeTags, where).toContain(tag);
        if (def.language !== undefined) expect(def.tags, where).toContain('language');
        // Two codes differing only in case would make case-insensitive lookup ambiguous.
        expect(upperCodes.has(code.toUpperCase()), where).toBe(false);
        upperCodes.add(code.toUpperCase());
      }
    }
  });
});

describe('the AA vocabulary', () => {
  it('has exactly the 87 Meeting Guide codes, each named in en, es and fr', () => {
    expect(aa.types.size).toBe(87);
    for (const [code, def] of aa.types) {
      expect(def.names.en, code).toBeTruthy();
      expect(def.names.es, code).toBeTruthy();
      expect(def.names.fr, code).toBeTruthy();
    }
    expect(typeName(aa, '11', 'en')).toBe('11th Step Meditation');
    expect(typeName(aa, '12x12', 'es')).toBe('12 Pasos y 12 Tradiciones');
  });

  it('marks exactly the language codes with their BCP-47 tag', () => {
    const languageCodes = [...aa.types.values()].filter((d) => d.language !== undefined);
    expect(languageCodes.map((d) => d.code).sort()).toEqual([...meetingGuideLanguageCodes].sort());
    for (const def of languageCodes) {
      expect(def.language, def.code).toBe(languageFromMeetingGuideCode(def.code));
      expect(def.tags, def.code).toContain('language');
    }
    expect(aa.types.get('ASL')?.language).toBe('ase');
    expect(aa.types.get('S')?.language).toBe('es');
    expect(aa.types.get('LIT')?.language).toBeUndefined();
    expect(aa.types.get('NDG')?.language).toBeUndefined();
  });
});

describe('codes are scoped by program', () => {
  it('POA is Proof of Attendance for AA but Parents of Alcoholics for Al-Anon', () => {
    expect(typeName(aa, 'POA', 'en')).toBe('Proof of Attendance');
    expect(typeName(alAnon, 'POA', 'en')).toBe('Parents of Alcoholics');
    expect(typeName(alAnon, 'POA', 'es')).toBe('Padres de alcohólicos');
  });

  it('Y is Young People for AA but Alateen for Al-Anon', () => {
    expect(typeName(aa, 'Y', 'en')).toBe('Young People');
    expect(aa.types.get('Y')?.tags).toContain('young_people');
    expect(typeName(alAnon, 'Y', 'en')).toBe('Alateen');
    expect(alAnon.types.get('Y')?.tags).toContain('young_people');
  });

  it('knows every code the Al-Anon feeds use', () => {
    for (const code of [
      'O',
      'ONL',
      'TC',
      'C',
      'ST',
      'AC',
      'BE',
      'POA',
      'Y',
      'FF',
      'S',
      'POC',
      'LGBTQIA',
    ]) {
      expect(alAnon.types.has(code), code).toBe(true);
    }
    expect(resolveTypeCode(alAnon, 'ACOA')).toBe('AC');
    expect(typeName(alAnon, 'AC', 'en')).toBe('Adult Children of Alcoholics');
  });
});

describe('resolveTypeCode', () => {
  it('accepts codes exactly, then case-insensitively', () => {
    expect(resolveTypeCode(aa, 'W')).toBe('W');
    expect(resolveTypeCode(aa, 'w')).toBe('W');
    expect(resolveTypeCode(aa, '12X12')).toBe('12x12');
    expect(resolveTypeCode(aa, ' LGBTQ ')).toBe('LGBTQ');
    expect(resolveTypeCode(na, 'St')).toBe('St');
    expect(resolveTypeCode(na, 'ST')).toBe('St');
  });

  it('accepts names in any listed language, case- and accent-insensitively', () => {
    expect(resolveTypeCode(aa, 'women')).toBe('W');
    expect(resolveTypeCode(aa, 'WOMEN')).toBe('W');
    expect(resolveTypeCode(aa, 'Mujeres')).toBe('W');
    expect(resolveTypeCode(aa, 'Spanish')).toBe('S');
    expect(resolveTypeCode(aa, 'Español')).toBe('S');
    expect(resolveTypeCode(aa, 'espanol')).toBe('S');
    expect(resolveTypeCode(aa, 'ESPAÑOL')).toBe('S');
    expect(resolveTypeCode(aa, 'child friendly')).toBe('CF');
    expect(resolveTypeCode(aa, 'Méditation')).toBe('MED');
    expect(resolveTypeCode(aa, 'Proof of attendance')).toBe('POA');
    expect(resolveTypeCode(alAnon, 'parents of alcoholics')).toBe('POA');
    expect(resolveTypeCode(smart, 'family & friends')).toBe('FF');
  });

  it('accepts NA world ids and aliases', () => {
    expect(resolveTypeCode(na, 'WCHR')).toBe('WC');
    expect(resolveTypeCode(na, 'JFT')).toBe('JT');
    expect(resolveTypeCode(na, 'BEG')).toBe('B');
    expect(resolveTypeCode(na, 'HYBR')).toBe('HY');
    expect(resolveTypeCode(na, 'LGBTQ')).toBe('GL');
    expect(resolveTypeCode(na, 'LANG')).toBeUndefined();
  });

  it('rejects what it does not know', () => {
    expect(resolveTypeCode(aa, 'ONL')).toBeUndefined();
    expect(resolveTypeCode(aa, 'Parents of Alcoholics')).toBeUndefined();
    expect(resolveTypeCode(aa, 'nonsense')).toBeUndefined();
    expect(resolveTypeCode(aa, '')).toBeUndefined();
    expect(resolveTypeCode(aa, '   ')).toBeUndefined();
    expect(resolveTypeCode(alAnon, 'Proof of Attendance')).toBeUndefined();
  });

  it('resolves every code to itself and every English name to a code of that name', () => {
    const pairs = programs.flatMap((program) =>
      [...program.types.values()].map((def) => ({ program, def })),
    );
    // Every pair once for certain, then the property with random order and repetition.
    for (const { program, def } of pairs) {
      expect(resolveTypeCode(program, def.code), `${program.id} ${def.code}`).toBe(def.code);
    }
    fc.assert(
      fc.property(fc.constantFrom(...pairs), ({ program, def }) => {
        expect(resolveTypeCode(program, def.code)).toBe(def.code);
        const byName = resolveTypeCode(program, def.names.en);
        expect(byName).toBeDefined();
        expect(program.types.get(byName!)?.names.en).toBe(def.names.en);
      }),
      { numRuns: pairs.length * 3 },
    );
  });

  it('is fast enough for a large import', () => {
    const inputs = ['O', 'C', 'w', 'Spanish', 'ONL', 'X', 'espanol', 'Big Book'];
    const start = performance.now();
    for (let i = 0; i < 400_000; i++) resolveTypeCode(aa, inputs[i % inputs.length]!);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe('typeName', () => {
  it('names a code in a language, falling back to en, then to the code', () => {
    expect(typeName(aa, 'W', 'es')).toBe('Mujeres');
    expect(typeName(aa, 'W', 'es-MX')).toBe('Mujeres');
    expect(typeName(aa, 'W', 'fr')).toBe('Femmes');
    expect(typeName(aa, 'W', 'ja')).toBe('女性');
    expect(typeName(aa, 'W', 'de')).toBe('Women');
    expect(typeName(na, 'BT', 'fr')).toBe('Texte de base');
    expect(typeName(aa, 'NOPE', 'es')).toBe('NOPE');
  });
});

describe('focusOf', () => {
  it('is the program focus when the types add nothing', () => {
    expect(focusOf(aa, ['O', 'W', 'unknown'])).toEqual(['alcohol']);
    expect(focusOf(na, [])).toEqual(['drugs']);
  });

  it('adds family and friends for family meetings', () => {
    expect(focusOf(aa, ['O', 'AL-AN'])).toEqual(['alcohol', 'family_and_friends']);
    expect(focusOf(smart, ['FF'])).toEqual([
      'alcohol',
      'drugs',
      'gambling',
      'family_and_friends',
      'behaviour',
    ]);
    expect(focusOf(mustGet('ga'), ['GAM'])).toEqual(['gambling', 'family_and_friends']);
  });

  it('adds what program-specific types add', () => {
    expect(focusOf(mustGet('celebrate-recovery'), ['FOOD'])).toContain('food');
  });
});
