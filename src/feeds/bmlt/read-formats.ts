import { normaliseLanguageTag } from '../../meetings/languages.js';
import { resolveTypeCode, type Program } from '../../meetings/programs.js';
import { PorchlightError } from '../../platform/errors.js';
import { bmltText } from './read-fields.js';
import { nestsDeeperThan } from '../row-depth.js';

/** One entry of a BMLT `GetFormats` answer, as far as an import needs it. */
export interface BmltFormat {
  id: string;
  key: string;
  name: string;
  /** The NAWS world id shared by every server ('OPEN', 'WCHR', 'LANG', ...), or ''. */
  worldId: string;
  /** BMLT's format type ('FC1', 'FC2', 'FC3', 'O', 'LANG', ...), or ''. */
  type: string;
}

/** What one BMLT format means in the program's vocabulary. */
export type FormatMeaning =
  | { kind: 'type'; code: string; wheelchair: boolean }
  | { kind: 'language'; tag: string }
  | { kind: 'attendance'; flag: 'online' | 'hybrid' | 'temporarily_closed' }
  | { kind: 'unknown' };

/** Reads a `GetFormats` answer; throws PL_FEED_FORMAT_CHANGED when it is not a list of formats. */
export function readBmltFormats(answer: unknown): BmltFormat[] {
  if (!Array.isArray(answer)) {
    throw new PorchlightError(
      'PL_FEED_FORMAT_CHANGED',
      'The BMLT GetFormats answer is not a JSON array of formats.',
    );
  }
  const formats: BmltFormat[] = [];
  for (const raw of answer) {
    // A row nested too deep is skipped like any other unreadable one (see row-depth.ts).
    if (raw === null || typeof raw !== 'object' || nestsDeeperThan(raw)) continue;
    const row = raw as Record<string, unknown>;
    const id = bmltText(row.id);
    const key = bmltText(row.key_string);
    if (id === '' && key === '') continue;
    formats.push({
      id,
      key,
      name: bmltText(row.name_string),
      worldId: bmltText(row.world_id).toUpperCase(),
      type: bmltText(row.format_type_enum).toUpperCase(),
    });
  }
  if (answer.length > 0 && formats.length === 0) {
    throw new PorchlightError(
      'PL_FEED_FORMAT_CHANGED',
      'The BMLT GetFormats answer has no entry with an id or a key_string.',
    );
  }
  return formats;
}

/**
 * What a server's format means to us: by its NAWS world id first (keys are each server's own:
 * a German server writes `F` for Women), then, for a format without one, by its name in the
 * program's vocabulary. Language formats name their language by their key ('de', 'ru', 'fa').
 */
export function formatMeaning(program: Program, format: BmltFormat): FormatMeaning {
  const isLanguage = format.worldId === 'LANG' || format.type === 'LANG';
  if (format.worldId !== '' && !isLanguage) {
    const meaning = meaningOfCode(program, codeOfWorldId(program, format));
    if (meaning.kind !== 'unknown') return meaning;
  }
  if (isLanguage) {
    const own = meaningOfCode(program, resolveTypeCode(program, format.key));
    if (own.kind === 'language') return own;
    // A language format naming no single language (Bilingual, Lithuanian/Russian) is our type.
    if (own.kind === 'type' && program.types.get(own.code)?.tags?.includes('language')) return own;
    const tag = /^[a-z]{2,3}$/i.test(format.key) ? normaliseLanguageTag(format.key) : undefined;
    return tag === undefined ? { kind: 'unknown' } : { kind: 'language', tag };
  }
  if (format.worldId === '' && format.name !== '') {
    return meaningOfCode(program, resolveTypeCode(program, format.name));
  }
  return { kind: 'unknown' };
}

/**
 * The meaning of a format key when the server's format list is not at hand (a saved answer):
 * the stock BMLT keys, which our NA vocabulary uses as its codes.
 */
export function keyMeaning(program: Program, key: string): FormatMeaning {
  return meaningOfCode(program, resolveTypeCode(program, key));
}

/**
 * The code a world id stands for. Some world ids are shared (TRAD by `Tr` and `TW`, SPK by `Sp`
 * and `So`): a key that is one of those codes tells which one the server means.
 */
function codeOfWorldId(program: Program, format: BmltFormat): string | undefined {
  const keyed = program.types.get(format.key);
  if (keyed?.worldId?.toUpperCase() === format.worldId) return format.key;
  return resolveTypeCode(program, format.worldId);
}

function meaningOfCode(program: Program, code: string | undefined): FormatMeaning {
  const def = code === undefined ? undefined : program.types.get(code);
  if (code === undefined || def === undefined) return { kind: 'unknown' };
  if (def.language !== undefined) return { kind: 'language', tag: def.language };
  const tags = def.tags ?? [];
  // Attendance and status are fields of their own; BMLT's venue_type says most of it.
  if (tags.includes('temporarily_closed'))
    return { kind: 'attendance', flag: 'temporarily_closed' };
  if (tags.includes('online')) return { kind: 'attendance', flag: 'online' };
  if (tags.includes('hybrid')) return { kind: 'attendance', flag: 'hybrid' };
  return { kind: 'type', code, wheelchair: tags.includes('wheelchair') };
}
