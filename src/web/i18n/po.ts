/**
 * Gettext PO files, the catalogue format translators' tools read (Poedit, Weblate, Pontoon,
 * Lokalize, Crowdin). Porchlight writes each message as one entry: `msgctxt` is the stable id,
 * `msgid` the English ICU text, `msgstr` the translation in ICU; gettext plurals are not used
 * (plurals live inside the ICU text). The reader is strict about the subset it accepts, so a
 * tool's or a hand's mistake fails loudly with a line number instead of dropping a message.
 */

/** One entry of a PO file. */
export interface PoEntry {
  /** The stable message id; absent only on the header entry. */
  context?: string;
  /** The English source text. */
  source: string;
  /** The translation; '' when not yet translated. */
  translation: string;
  /** `#,` flags, e.g. `fuzzy` when the English changed since the translation was written. */
  flags: string[];
  /** `#.` comments for translators. */
  notes: string[];
  /** `#:` references: where the message is used. */
  references: string[];
  /** `#| msgid`: the English the translation was made from, on a fuzzy entry. */
  previousSource?: string;
  /** `#` comments of translators, kept as written. */
  comments: string[];
}

/** An entry with the given fields, the others empty. */
export function poEntry(fields: Partial<PoEntry>): PoEntry {
  return {
    source: '',
    translation: '',
    flags: [],
    notes: [],
    references: [],
    comments: [],
    ...fields,
  };
}

/** A PO file that breaks the accepted format. */
export class PoSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

/** The value of a quoted PO string (`"a\"b"` -> `a"b`). */
function unquote(text: string, line: number): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"'))
    throw new PoSyntaxError(line, `expected a quoted string, found ${text}`);
  let out = '';
  for (let i = 1; i < text.length - 1; i++) {
    const char = text[i];
    if (char === '"') throw new PoSyntaxError(line, 'unescaped " inside a string');
    if (char !== '\\') {
      out += char;
      continue;
    }
    const escaped = ESCAPES[text[++i] ?? ''];
    if (escaped === undefined || i >= text.length - 1)
      throw new PoSyntaxError(line, `unknown escape \\${text[i] ?? ''}`);
    out += escaped;
  }
  return out;
}

type Field = 'msgctxt' | 'msgid' | 'msgstr';

/**
 * Reads a PO file. Accepts comments (`#`, `#.`, `#:`, `#,`, `#|`), obsolete entries (`#~`,
 * ignored), `msgctxt`, `msgid`, `msgstr` and continuation strings; refuses plural forms, a
 * keyword out of order, an entry without `msgstr`, and a context seen twice.
 */
export function parsePo(text: string): PoEntry[] {
  const entries: PoEntry[] = [];
  const contexts = new Set<string>();
  let entry: PoEntry | undefined;
  let field: Field | undefined;
  let entryLine = 0;
  let header = false;
  const fresh = () => poEntry({});
  let pending = fresh();
  let previousField: string | undefined;
  const seen = new Set<Field>();

  const finish = () => {
    if (entry === undefined) return;
    if (!seen.has('msgstr')) throw new PoSyntaxError(entryLine, 'entry without msgstr');
    if (entry.context === undefined) {
      if (entry.source !== '' || header)
        throw new PoSyntaxError(entryLine, 'entry without msgctxt (the message id)');
      header = true;
    } else {
      if (contexts.has(entry.context))
        throw new PoSyntaxError(entryLine, `msgctxt "${entry.context}" appears twice`);
      contexts.add(entry.context);
    }
    entries.push(entry);
    entry = undefined;
    field = undefined;
    seen.clear();
    pending = fresh();
    previousField = undefined;
  };

  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const raw = (lines[index] ?? '').replace(/\r$/, '');
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      if (entry !== undefined) finish();
      const body = trimmed.slice(2).trimStart();
      if (trimmed.startsWith('#~')) continue;
      if (trimmed.startsWith('#.')) pending.notes.push(body);
      else if (trimmed.startsWith('#:')) pending.references.push(...body.split(/\s+/));
      else if (trimmed.startsWith('#,'))
        pending.flags.push(...body.split(',').map((flag) => flag.trim()));
      else if (trimmed.startsWith('#|')) {
        const match = /^(msgctxt|msgid)?\s*("[^]*")$/.exec(body);
        if (match === null) throw new PoSyntaxError(line, 'a #| line must hold msgid "..."');
        // Only the previous English matters; a previous context (ids never change) is ignored.
        if (match[1] !== undefined) previousField = match[1];
        if (previousField !== 'msgid') continue;
        const value = unquote(match[2] ?? '', line);
        pending.previousSource =
          (match[1] === 'msgid' ? '' : (pending.previousSource ?? '')) + value;
      } else pending.comments.push(trimmed.slice(1).replace(/^ /, ''));
      continue;
    }
    if (trimmed.startsWith('"')) {
      if (entry === undefined || field === undefined)
        throw new PoSyntaxError(line, 'a string outside any msgctxt, msgid or msgstr');
      const value = unquote(trimmed, line);
      if (field === 'msgctxt') entry.context = (entry.context ?? '') + value;
      else if (field === 'msgid') entry.source += value;
      else entry.translation += value;
      continue;
    }
    const match = /^(\S+)\s+("[^]*")$/.exec(trimmed);
    const keyword = match?.[1];
    if (keyword !== 'msgctxt' && keyword !== 'msgid' && keyword !== 'msgstr')
      throw new PoSyntaxError(
        line,
        keyword === 'msgid_plural' || keyword?.startsWith('msgstr[')
          ? 'gettext plurals are not used: write the plural in ICU inside msgstr'
          : `unexpected line: ${trimmed.slice(0, 40)}`,
      );
    const order: Field[] = ['msgctxt', 'msgid', 'msgstr'];
    if (keyword === 'msgctxt' || (keyword === 'msgid' && !seen.has('msgctxt'))) finish();
    if (entry === undefined) {
      entry = pending;
      entryLine = line;
    }
    if (seen.has(keyword) || order.slice(order.indexOf(keyword) + 1).some((f) => seen.has(f)))
      throw new PoSyntaxError(line, `${keyword} out of order`);
    if (keyword === 'msgstr' && !seen.has('msgid'))
      throw new PoSyntaxError(line, 'msgstr without msgid');
    seen.add(keyword);
    field = keyword;
    const value = unquote(match?.[2] ?? '', line);
    if (keyword === 'msgctxt') entry.context = value;
    else if (keyword === 'msgid') entry.source = value;
    else entry.translation = value;
  }
  finish();
  return entries;
}

/** A string as PO lines: one line, or `""` and one line per `\n`-ended piece. */
function quoted(keyword: string, value: string): string {
  const escape = (s: string) =>
    s
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      .replace(/\t/g, '\\t');
  const pieces = value.split(/(?<=\n)/);
  if (pieces.length <= 1 || (pieces.length === 2 && pieces[1] === ''))
    return `${keyword} "${escape(value)}"`;
  return [`${keyword} ""`, ...pieces.filter((p) => p !== '').map((p) => `"${escape(p)}"`)].join(
    '\n',
  );
}

/** Writes entries as a PO file, in the given order, every entry separated by a blank line. */
export function writePo(entries: readonly PoEntry[]): string {
  return `${entries
    .map((entry) => {
      const lines = [
        ...entry.comments.map((c) => (c === '' ? '#' : `# ${c}`)),
        ...entry.notes.map((n) => `#. ${n}`),
        ...(entry.references.length > 0 ? [`#: ${entry.references.join(' ')}`] : []),
        ...(entry.flags.length > 0 ? [`#, ${entry.flags.join(', ')}`] : []),
        ...(entry.previousSource !== undefined
          ? quoted('msgid', entry.previousSource)
              .split('\n')
              .map((l) => `#| ${l}`)
          : []),
        ...(entry.context !== undefined ? [quoted('msgctxt', entry.context)] : []),
        quoted('msgid', entry.source),
        quoted('msgstr', entry.translation),
      ];
      return lines.join('\n');
    })
    .join('\n\n')}\n`;
}

/** The header entry's `Name: value` fields. */
export function poHeader(entries: readonly PoEntry[]): Record<string, string> {
  const header = entries.find((e) => e.context === undefined);
  const fields: Record<string, string> = {};
  for (const line of (header?.translation ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return fields;
}
