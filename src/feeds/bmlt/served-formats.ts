/**
 * The BMLT formats Porchlight serves: its NA vocabulary (src/meetings/vocabularies/na.ts) with
 * the numeric ids and format types of the stock BMLT root server, so a front end that hard-codes
 * a stock id (Open = 17, Closed = 4, Virtual = 54, ...) keeps working. Codes the stock list lacks
 * get ids from 100 up. The table is written out, not derived from the vocabulary's order: an id
 * once served must never change.
 */
import type { Meeting } from '../../meetings/model.js';
import { getProgram, type MeetingTypeDef } from '../../meetings/programs.js';

/** BMLT's format types: FC1 meeting format, FC2 location, FC3 common needs, O attendance, LANG. */
export type FormatType = 'FC1' | 'FC2' | 'FC3' | 'O' | 'LANG';

const table: readonly (readonly [code: string, id: number, type: FormatType])[] = [
  ['B', 1, 'FC3'],
  ['BL', 2, 'LANG'],
  ['BT', 3, 'FC1'],
  ['C', 4, 'O'],
  ['CH', 5, 'FC3'],
  ['CL', 6, 'FC2'],
  ['CS', 7, 'FC3'],
  ['D', 8, 'FC1'],
  ['ES', 9, 'LANG'],
  ['GL', 10, 'FC3'],
  ['IL', 11, 'FC1'],
  ['IP', 12, 'FC1'],
  ['IW', 13, 'FC1'],
  ['JT', 14, 'FC1'],
  ['M', 15, 'FC3'],
  ['NC', 16, 'FC3'],
  ['O', 17, 'O'],
  ['Pi', 18, 'FC1'],
  ['RF', 19, 'FC1'],
  ['Rr', 20, 'FC1'],
  ['SC', 21, 'FC2'],
  ['SD', 22, 'FC1'],
  ['SG', 23, 'FC1'],
  ['SL', 24, 'FC2'],
  ['So', 26, 'FC1'],
  ['St', 27, 'FC1'],
  ['Ti', 28, 'FC1'],
  ['To', 29, 'FC1'],
  ['Tr', 30, 'FC1'],
  ['TW', 31, 'FC1'],
  ['W', 32, 'FC3'],
  ['WC', 33, 'FC2'],
  ['YP', 34, 'FC3'],
  ['OE', 35, 'FC1'],
  ['BK', 36, 'FC1'],
  ['NS', 37, 'FC1'],
  ['Ag', 38, 'FC1'],
  ['FD', 39, 'FC1'],
  ['AB', 40, 'FC1'],
  ['ME', 41, 'FC1'],
  ['RA', 42, 'FC3'],
  ['QA', 43, 'FC1'],
  ['CW', 44, 'FC3'],
  ['CP', 45, 'FC1'],
  ['FIN', 46, 'LANG'],
  ['ENG', 47, 'LANG'],
  ['PER', 48, 'LANG'],
  ['L/R', 49, 'LANG'],
  ['LC', 51, 'FC1'],
  ['GP', 52, 'FC1'],
  ['VM', 54, 'FC2'],
  ['TC', 55, 'FC2'],
  ['HY', 56, 'FC2'],
  ['SPAD', 57, 'FC1'],
  ['Sp', 100, 'FC1'],
];

export interface ServedFormat {
  id: number;
  code: string;
  type: FormatType;
  def: MeetingTypeDef;
}

const na = getProgram('na');
if (na === undefined) throw new Error('the NA program is missing');

/** Every served format, by ascending id. */
export const servedFormats: readonly ServedFormat[] = table
  .map(([code, id, type]) => {
    const def = na.types.get(code);
    if (def === undefined) throw new Error(`NA format ${code} is not in the vocabulary`);
    return { id, code, type, def };
  })
  .sort((a, b) => a.id - b.id);

const byCode = new Map(servedFormats.map((f) => [f.code, f]));
const byId = new Map(servedFormats.map((f) => [f.id, f]));

/** The served format with this id. */
export function formatById(id: number): ServedFormat | undefined {
  return byId.get(id);
}

const languageFormats = servedFormats.flatMap((f) =>
  f.def.language === undefined ? [] : [{ id: f.id, language: f.def.language.toLowerCase() }],
);

/**
 * A meeting's formats, by ascending id (as root servers list them): its NA types, plus what
 * BMLT clients expect to find as formats and our model keeps elsewhere: VM for online, HY for
 * hybrid, TC for temporarily closed, WC for a wheelchair-accessible room, and the format of
 * each language the meeting is held in (English only beside another language).
 */
export function meetingFormats(meeting: Meeting): ServedFormat[] {
  const ids = new Set<number>();
  const add = (code: string) => {
    const format = byCode.get(code);
    if (format !== undefined) ids.add(format.id);
  };
  for (const code of meeting.types) add(code);
  if (meeting.attendance === 'online') add('VM');
  if (meeting.attendance === 'hybrid') add('HY');
  if (meeting.status === 'temporarily_closed') add('TC');
  if (meeting.place.wheelchairAccessible === true && meeting.attendance !== 'online') add('WC');
  const english = (tag: string) => tag.toLowerCase().split('-')[0] === 'en';
  // English alone is the server's language (`lang_enum`); beside another it needs its format,
  // or a reader takes the other language's format for the only one.
  const onlyEnglish = meeting.languages.every(english);
  for (const language of meeting.languages) {
    const tag = language.toLowerCase();
    const primary = tag.split('-')[0] ?? tag;
    if (primary === 'en' && onlyEnglish) continue;
    const format = languageFormats.find((f) => f.language === tag || f.language === primary);
    if (format !== undefined) ids.add(format.id);
  }
  return [...ids].sort((a, b) => a - b).map((id) => byId.get(id)!);
}

/** A format as `GetFormats` answers it: every value a string. */
export interface BmltFormat {
  key_string: string;
  name_string: string;
  description_string: string;
  lang: string;
  id: string;
  world_id: string;
  format_type_enum: string;
  root_server_uri: string;
}

/** The format in a language (the vocabulary's name; English when it has none in that one). */
export function presentFormat(
  format: ServedFormat,
  lang: string,
  rootServerUri: string,
): BmltFormat {
  const name = format.def.names[lang] ?? format.def.names.en;
  return {
    key_string: format.code,
    name_string: name,
    description_string: name,
    lang,
    id: String(format.id),
    world_id: format.def.worldId ?? '',
    format_type_enum: format.type,
    root_server_uri: rootServerUri,
  };
}
