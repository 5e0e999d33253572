/**
 * The program registry: each program (fellowship) with its focus and its own type vocabulary.
 * Codes are never compared across programs without the program: `POA` is "Proof of Attendance"
 * for AA and "Parents of Alcoholics" for Al-Anon. Pure data and pure functions.
 */
import { focusAreas } from './model.js';
import type { Focus } from './model.js';
import { aaTypes } from './vocabularies/aa.js';
import { alAnonTypes } from './vocabularies/al-anon.js';
import { naTypes } from './vocabularies/na.js';
import {
  allRecoveryTypes,
  caTypes,
  celebrateRecoveryTypes,
  cmaTypes,
  codaTypes,
  gaTypes,
  lifeRingTypes,
  oaTypes,
  recoveryDharmaTypes,
  refugeRecoveryTypes,
  saaTypes,
  slaaTypes,
  womenForSobrietyTypes,
} from './vocabularies/others.js';
import { smartRecoveryTypes } from './vocabularies/smart-recovery.js';

export interface TypeNames {
  en: string;
  es: string;
  fr?: string;
  [lang: string]: string | undefined;
}

/** Tags that cut across programs, so a search can say "women" once. */
export const typeTags = [
  'women',
  'men',
  'young_people',
  'lgbtq',
  'beginners',
  'wheelchair',
  'open',
  'closed',
  'family_and_friends',
  'seniors',
  'people_of_color',
  'black',
  'indigenous',
  'veterans',
  'secular',
  'child_care',
  'online',
  'hybrid',
  'temporarily_closed',
  'language',
] as const;
export type TypeTag = (typeof typeTags)[number];

/** The tags that say who a meeting is for (a tailored group), in the order pages offer them. */
export const groupTags = [
  'women',
  'men',
  'young_people',
  'lgbtq',
  'people_of_color',
  'black',
  'indigenous',
  'seniors',
  'veterans',
] as const satisfies readonly TypeTag[];
export type GroupTag = (typeof groupTags)[number];

export interface MeetingTypeDef {
  /** The code as the program's feeds use it, e.g. 'W', 'LGBTQ'. */
  code: string;
  names: TypeNames;
  /** Tags that cut across programs so a search can say "women" once. */
  tags?: readonly TypeTag[];
  /** For a code that names a language (AA's 'S', 'FR', 'ASL', ...): its BCP-47 tag. */
  language?: string;
  /** Other codes feeds use for this type (e.g. Al-Anon 'ACOA' for 'AC'); resolved to `code`. */
  aliases?: readonly string[];
  /** NA only: the NAWS world id of a BMLT format (e.g. 'WCHR'); resolved to `code` too. */
  worldId?: string;
  /** Focus areas the type adds to its program's (e.g. Celebrate Recovery's 'FOOD' adds food). */
  focus?: readonly Focus[];
}

export interface Program {
  id: string;
  name: string;
  names: TypeNames;
  focus: Focus[];
  types: ReadonlyMap<string, MeetingTypeDef>;
}

function program(
  id: string,
  names: TypeNames,
  focus: Focus[],
  types: readonly MeetingTypeDef[],
): Program {
  const map = new Map<string, MeetingTypeDef>();
  for (const def of types) {
    if (map.has(def.code)) throw new Error(`program ${id}: duplicate type code ${def.code}`);
    map.set(def.code, def);
  }
  return { id, name: names.en, names, focus, types: map };
}

export const programs: readonly Program[] = [
  program(
    'aa',
    { en: 'Alcoholics Anonymous', es: 'Alcohólicos Anónimos', fr: 'Alcooliques anonymes' },
    ['alcohol'],
    aaTypes,
  ),
  program(
    'na',
    { en: 'Narcotics Anonymous', es: 'Narcóticos Anónimos', fr: 'Narcotiques anonymes' },
    ['drugs'],
    naTypes,
  ),
  program(
    'al-anon',
    {
      en: 'Al-Anon Family Groups',
      es: 'Grupos de Familia Al-Anon',
      fr: 'Groupes familiaux Al-Anon',
    },
    ['family_and_friends'],
    alAnonTypes,
  ),
  program(
    'smart-recovery',
    { en: 'SMART Recovery', es: 'SMART Recovery', fr: 'SMART Recovery' },
    ['alcohol', 'drugs', 'gambling', 'behaviour'],
    smartRecoveryTypes,
  ),
  program(
    'ga',
    { en: 'Gamblers Anonymous', es: 'Jugadores Anónimos', fr: 'Gamblers anonymes' },
    ['gambling'],
    gaTypes,
  ),
  program(
    'ca',
    { en: 'Cocaine Anonymous', es: 'Cocaína Anónimos', fr: 'Cocaïnomanes anonymes' },
    ['drugs'],
    caTypes,
  ),
  program(
    'cma',
    { en: 'Crystal Meth Anonymous', es: 'Crystal Meth Anónimos', fr: 'Crystal Meth Anonymes' },
    ['drugs'],
    cmaTypes,
  ),
  program(
    'oa',
    {
      en: 'Overeaters Anonymous',
      es: 'Comedores Compulsivos Anónimos',
      fr: 'Outremangeurs anonymes',
    },
    ['food'],
    oaTypes,
  ),
  program(
    'slaa',
    {
      en: 'Sex and Love Addicts Anonymous',
      es: 'Adictos al Sexo y al Amor Anónimos',
      fr: 'Dépendants affectifs et sexuels anonymes',
    },
    ['sex_and_love'],
    slaaTypes,
  ),
  program(
    'saa',
    {
      en: 'Sex Addicts Anonymous',
      es: 'Adictos al Sexo Anónimos',
      fr: 'Dépendants sexuels anonymes',
    },
    ['sex_and_love'],
    saaTypes,
  ),
  program(
    'coda',
    { en: 'Co-Dependents Anonymous', es: 'Codependientes Anónimos', fr: 'Codépendants anonymes' },
    ['co_dependency'],
    codaTypes,
  ),
  program(
    'recovery-dharma',
    { en: 'Recovery Dharma', es: 'Recovery Dharma', fr: 'Recovery Dharma' },
    ['alcohol', 'drugs', 'behaviour'],
    recoveryDharmaTypes,
  ),
  program(
    'refuge-recovery',
    { en: 'Refuge Recovery', es: 'Refuge Recovery', fr: 'Refuge Recovery' },
    ['alcohol', 'drugs', 'behaviour'],
    refugeRecoveryTypes,
  ),
  program(
    'celebrate-recovery',
    {
      en: 'Celebrate Recovery',
      es: 'Celebremos la Recuperación',
      fr: 'Celebrate Recovery',
    },
    ['alcohol', 'drugs', 'behaviour', 'co_dependency'],
    celebrateRecoveryTypes,
  ),
  program(
    'lifering',
    {
      en: 'LifeRing Secular Recovery',
      es: 'LifeRing Secular Recovery',
      fr: 'LifeRing Secular Recovery',
    },
    ['alcohol', 'drugs'],
    lifeRingTypes,
  ),
  program(
    'women-for-sobriety',
    { en: 'Women for Sobriety', es: 'Mujeres por la Sobriedad', fr: 'Women for Sobriety' },
    ['alcohol', 'drugs'],
    womenForSobrietyTypes,
  ),
  program(
    'all-recovery',
    {
      en: 'All Recovery',
      es: 'Todas las vías de recuperación',
      fr: 'Toutes les voies du rétablissement',
    },
    ['alcohol', 'drugs', 'gambling', 'behaviour'],
    allRecoveryTypes,
  ),
];

const programsById = new Map<string, Program>(programs.map((p) => [p.id, p]));

export function getProgram(id: string): Program | undefined {
  return programsById.get(id);
}

export function isProgramId(id: string): boolean {
  return programsById.has(id);
}

/**
 * Folds a type name for comparison: case-, accent- and punctuation-insensitive
 * ('Child-Friendly' ~ 'child friendly', 'Español' ~ 'espanol'). Marks of non-Latin scripts
 * (Thai vowels, Japanese dakuten) are kept, since they change the word.
 */
function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

interface TypeIndex {
  /** Codes, then aliases, then world ids, exactly as written. */
  exact: Map<string, string>;
  /** The same, upper-cased. */
  folded: Map<string, string>;
  /** Folded names: English first, then the other languages; then folded codes. */
  names: Map<string, string>;
  /** Answers to inputs that needed the slow path (bounded). */
  cache: Map<string, string | null>;
}

const cacheLimit = 10_000;
const indexes = new WeakMap<Program, TypeIndex>();

function setIfAbsent(map: Map<string, string>, key: string, code: string): void {
  if (key !== '' && !map.has(key)) map.set(key, code);
}

function buildIndex(p: Program): TypeIndex {
  const exact = new Map<string, string>();
  const folded = new Map<string, string>();
  const names = new Map<string, string>();
  const defs = [...p.types.values()];
  const keyed: [string, string][] = [];
  for (const d of defs) keyed.push([d.code, d.code]);
  for (const d of defs) for (const alias of d.aliases ?? []) keyed.push([alias, d.code]);
  for (const d of defs) {
    // 'LANG' is every NA language format's world id, so it names none of them.
    if (d.worldId !== undefined && d.worldId !== 'LANG') keyed.push([d.worldId, d.code]);
  }
  for (const [key, code] of keyed) setIfAbsent(exact, key, code);
  for (const [key, code] of keyed) setIfAbsent(folded, key.toUpperCase(), code);
  for (const d of defs) setIfAbsent(names, foldName(d.names.en), d.code);
  for (const d of defs) {
    for (const [lang, name] of Object.entries(d.names)) {
      if (lang !== 'en' && name !== undefined) setIfAbsent(names, foldName(name), d.code);
    }
  }
  for (const [key, code] of keyed) setIfAbsent(names, foldName(key), code);
  return { exact, folded, names, cache: new Map() };
}

function indexOf(p: Program): TypeIndex {
  let index = indexes.get(p);
  if (index === undefined) {
    index = buildIndex(p);
    indexes.set(p, index);
  }
  return index;
}

for (const p of programs) indexOf(p);

/**
 * Resolve a type as a feed gives it: a code (exact, then case-insensitive; aliases and NA world
 * ids count as codes) or a name in any listed language, case- and accent-insensitive. Returns the
 * canonical code, or undefined.
 */
export function resolveTypeCode(program: Program, codeOrName: string): string | undefined {
  const index = indexOf(program);
  const exact = index.exact.get(codeOrName);
  if (exact !== undefined) return exact;
  const cached = index.cache.get(codeOrName);
  if (cached !== undefined) return cached ?? undefined;
  const trimmed = codeOrName.trim();
  const found =
    index.exact.get(trimmed) ??
    index.folded.get(trimmed.toUpperCase()) ??
    index.names.get(foldName(trimmed));
  if (index.cache.size >= cacheLimit) index.cache.clear();
  index.cache.set(codeOrName, found ?? null);
  return found;
}

function definitionOf(program: Program, code: string): MeetingTypeDef | undefined {
  const direct = program.types.get(code);
  if (direct !== undefined) return direct;
  const resolved = resolveTypeCode(program, code);
  return resolved === undefined ? undefined : program.types.get(resolved);
}

/** The display name of a code in a language (falls back to en, then to the code). */
export function typeName(program: Program, code: string, lang: string): string {
  const def = definitionOf(program, code);
  if (def === undefined) return code;
  const names = def.names;
  const primary = lang.split(/[-_]/, 1)[0]?.toLowerCase() ?? '';
  return names[lang] ?? names[primary] ?? names.en;
}

/**
 * The cross-program focus of a meeting: its program's focus plus what its types add (a SMART
 * "family & friends" meeting, or AA 'AL-AN' (concurrent with Al-Anon), adds family_and_friends).
 * Types may be given as codes or names; unknown ones are ignored. In `focusAreas` order.
 */
export function focusOf(program: Program, types: readonly string[]): Focus[] {
  const focus = new Set<Focus>(program.focus);
  for (const type of types) {
    const def = definitionOf(program, type);
    if (def === undefined) continue;
    if (def.tags?.includes('family_and_friends') === true) focus.add('family_and_friends');
    for (const f of def.focus ?? []) focus.add(f);
  }
  return focusAreas.filter((f) => focus.has(f));
}
