/**
 * The translation function pages call. Messages are ICU MessageFormat strings compiled once per
 * process with Lingui's compiler; the Lingui runtime that interpolates them is about 2 KB, so the
 * same catalogues can ship, precompiled, to client islands later.
 */
import { setupI18n, type I18n, type Messages } from '@lingui/core';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import { boundedMemo } from '../bounded-memo.js';
import type { Locale } from './locales.js';
import { en, type MessageId } from './messages-en.js';
import { es } from './messages-es.js';

export type { MessageId };
export type MessageValues = Record<string, string | number>;

/** Translates a message id with ICU values into the page's language. */
export type Translate = (id: MessageId, values?: MessageValues) => string;

const catalogues: Record<Locale, Record<MessageId, string>> = { en, es };
const instances = new Map<Locale, I18n>();

/** Compiles a catalogue; a malformed ICU message throws here, at start, not in front of a reader. */
export function compileCatalogue(messages: Record<string, string>): Messages {
  const compiled: Messages = {};
  for (const [id, text] of Object.entries(messages)) {
    try {
      compiled[id] = compileMessageOrThrow(text);
    } catch (error) {
      throw new Error(`message "${id}" is not valid ICU: ${String(error)}`, { cause: error });
    }
  }
  return compiled;
}

function instanceFor(locale: Locale): I18n {
  let i18n = instances.get(locale);
  if (i18n === undefined) {
    i18n = setupI18n({
      locale,
      messages: { [locale]: compileCatalogue(catalogues[locale]) },
      // A missing id is a bug the type checker should have caught; show the id, never blank text.
      missing: (_locale, id) => id,
    });
    instances.set(locale, i18n);
  }
  return i18n;
}

const translators = new Map<Locale, Translate>();

/**
 * The translation function of a locale. A page asks for the same messages with the same values
 * over and over (a weekday, "starts in 5 min", a count), so each locale's function remembers
 * what it produced (a message is a pure function of its id and values), up to a bound.
 */
export function translator(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (translate === undefined) {
    const i18n = instanceFor(locale);
    const memo = boundedMemo<string>(10_000);
    // JSON keeps keys unambiguous whatever text a value carries.
    translate = (id, values) =>
      memo(values === undefined ? id : `${id}${JSON.stringify(values)}`, () => i18n._(id, values));
    translators.set(locale, translate);
  }
  return translate;
}
