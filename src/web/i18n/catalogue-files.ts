/**
 * The translated catalogues, one PO file per language in `catalogues/` (decision 0142). English
 * stays in the TypeScript modules (the source of truth for which messages exist); every other
 * language is read from its file when first asked for, and falls back to English message by
 * message where its file has no translation yet.
 */
import { readFileSync } from 'node:fs';
import { parsePo, type PoEntry } from './po.js';

/** Where a language's catalogue lives (copied next to the compiled server by the build). */
export function catalogueUrl(language: string): URL {
  return new URL(`./catalogues/${language}.po`, import.meta.url);
}

/** A language's entries, parsed; a malformed file throws naming the file and the line. */
export function readCatalogueEntries(language: string): PoEntry[] {
  const url = catalogueUrl(language);
  try {
    return parsePo(readFileSync(url, 'utf8'));
  } catch (error) {
    throw new Error(`catalogues/${language}.po: ${(error as Error).message}`, { cause: error });
  }
}

const read = new Map<string, Record<string, string>>();

/**
 * A language's translations by message id: every entry with a translation, fuzzy ones included
 * (the English changed a little since; a translation a step behind reads better than English to
 * someone who came for their own language, and the extract lists them for review).
 */
export function translations(language: string): Record<string, string> {
  let messages = read.get(language);
  if (messages === undefined) {
    messages = {};
    for (const entry of readCatalogueEntries(language))
      if (entry.context !== undefined && entry.translation !== '')
        messages[entry.context] = entry.translation;
    read.set(language, messages);
  }
  return messages;
}

/**
 * Messages only staff read (the center desk, keeping the list, signing in to it): required in
 * English and Spanish, English elsewhere until a translator adds them (decision 0143).
 */
const STAFF_PREFIXES = [
  'center.',
  'admin.',
  'edit.',
  'history.',
  'change.queue.',
  'change.review.',
  'change.mail.new.',
  'account.',
  'referral.',
  'rides.coord.',
  'rides.programs.',
  'rides.log.',
  'resources.desk.',
  'demand.',
] as const;

/** True for a message only staff pages show. */
export function isStaffMessage(id: string): boolean {
  return STAFF_PREFIXES.some((prefix) => id.startsWith(prefix));
}

/** The languages whose catalogue must hold every message, staff ones included. */
export const fullLanguages: readonly string[] = ['en', 'es'];
