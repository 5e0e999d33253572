/**
 * `npm run i18n:extract` (and `npm run generate`): writes each language's PO catalogue from the
 * English modules. A message keeps its translation while its id lives; a translation whose
 * English changed is kept and marked fuzzy with the English it was made from; a removed id is
 * dropped; a new id arrives with an empty translation. Pure functions here, the files in
 * scripts/i18n-extract.ts.
 */
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { PoEntry } from './po.js';

/** The argument names of an ICU message (`{count}`, `{name}`), however deeply nested. */
export function argumentNames(message: string): string[] {
  const names = new Set<string>();
  const walk = (compiled: unknown): void => {
    if (!Array.isArray(compiled)) return;
    for (const token of compiled as unknown[]) {
      if (!Array.isArray(token)) continue;
      const [name, , format] = token as [string, string?, unknown?];
      names.add(name);
      if (format !== null && typeof format === 'object')
        for (const branch of Object.values(format)) walk(branch);
    }
  };
  walk(compileMessageOrThrow(message));
  return [...names];
}

/** A language's header entry: the fields translators' tools expect, the rest kept. */
export function headerEntry(language: string, previous: PoEntry | undefined): PoEntry {
  const fields = new Map<string, string>();
  for (const line of (previous?.translation ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const fixed: [string, string][] = [
    ['Project-Id-Version', 'Porchlight'],
    ['Language', language],
    ['MIME-Version', '1.0'],
    ['Content-Type', 'text/plain; charset=UTF-8'],
    ['Content-Transfer-Encoding', '8bit'],
  ];
  for (const [name] of fixed) fields.delete(name);
  const translation = [...fixed, ...fields].map(([name, value]) => `${name}: ${value}\n`).join('');
  return {
    source: '',
    translation,
    flags: [],
    notes: [],
    references: [],
    comments: previous?.comments.length
      ? previous.comments
      : [`Porchlight interface messages (${language}). See docs/translating.md.`],
  };
}

/** What a merge changed, for the extract's summary. */
export interface MergeSummary {
  added: number;
  dropped: number;
  fuzzy: number;
  untranslated: number;
}

/**
 * The catalogue of a language from the English messages (in their order) and the file as it
 * was: translations and translators' comments survive, notes and references are rewritten.
 */
export function mergeCatalogue(
  language: string,
  english: Readonly<Record<string, string>>,
  previous: readonly PoEntry[],
  references: (id: string) => string[],
): { entries: PoEntry[]; summary: MergeSummary } {
  const old = new Map<string, PoEntry>();
  for (const entry of previous) if (entry.context !== undefined) old.set(entry.context, entry);
  const summary: MergeSummary = { added: 0, dropped: 0, fuzzy: 0, untranslated: 0 };
  const entries: PoEntry[] = [
    headerEntry(
      language,
      previous.find((e) => e.context === undefined),
    ),
  ];
  for (const [id, source] of Object.entries(english)) {
    const was = old.get(id);
    old.delete(id);
    if (was === undefined) summary.added++;
    const translation = was?.translation ?? '';
    let fuzzy = was?.flags.includes('fuzzy') === true;
    let previousSource = fuzzy ? was?.previousSource : undefined;
    if (was !== undefined && translation !== '' && was.source !== source) {
      // The English moved under the translation: keep it for review, with what it translated.
      previousSource = fuzzy && previousSource !== undefined ? previousSource : was.source;
      fuzzy = true;
    }
    if (translation === '') {
      fuzzy = false;
      previousSource = undefined;
      summary.untranslated++;
    }
    if (fuzzy) summary.fuzzy++;
    const names = argumentNames(source);
    entries.push({
      context: id,
      source,
      translation,
      flags: [
        ...(fuzzy ? ['fuzzy'] : []),
        'icu-message-format',
        ...(was?.flags ?? []).filter((f) => f !== 'fuzzy' && f !== 'icu-message-format'),
      ],
      notes:
        names.length > 0
          ? [`Keep ${names.map((n) => `{${n}}`).join(', ')} as written (ICU MessageFormat).`]
          : [],
      references: references(id),
      comments: was?.comments ?? [],
      ...(previousSource !== undefined && previousSource !== source ? { previousSource } : {}),
    });
  }
  summary.dropped = old.size;
  return { entries, summary };
}

/**
 * Where each message is used: the files whose string literals name its id, or whose template
 * literals start with its prefix (`finder.focus.${focus}`). Files only, no line numbers, so a
 * catalogue changes when a message moves between files, not whenever code above it does.
 */
export function referenceIndex(
  files: readonly { path: string; text: string }[],
): (id: string) => string[] {
  const exact = new Map<string, Set<string>>();
  const prefixes: { prefix: string; path: string }[] = [];
  for (const { path, text } of files) {
    for (const match of text.matchAll(/['"`]([a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)['"`]/g)) {
      const id = match[1] ?? '';
      let paths = exact.get(id);
      if (paths === undefined) exact.set(id, (paths = new Set()));
      paths.add(path);
    }
    for (const match of text.matchAll(/`([a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*\.)\$\{/g))
      prefixes.push({ prefix: match[1] ?? '', path });
  }
  return (id) => {
    const paths = new Set(exact.get(id));
    for (const { prefix, path } of prefixes) if (id.startsWith(prefix)) paths.add(path);
    return [...paths].sort();
  };
}
