/**
 * The translation function pages call. Messages are ICU MessageFormat strings compiled once per
 * process with Lingui's compiler; the Lingui runtime that interpolates them is about 2 KB, so the
 * same catalogues can ship, precompiled, to client islands later. English comes from the
 * TypeScript modules, every other language from its PO catalogue (decision 0142).
 */
import { setupI18n, type I18n, type Messages } from '@lingui/core';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import { translations } from './catalogue-files.js';
import { pseudoLocale, type Locale } from './locales.js';
import { en, type MessageId } from './messages-en.js';
import { pseudoMessage } from './pseudo.js';

export type { MessageId };
export type MessageValues = Record<string, string | number>;

/** Translates a message id with ICU values into the page's language. */
export type Translate = (id: MessageId, values?: MessageValues) => string;

/**
 * A language's messages: its translations over the English ones, so a message its catalogue
 * lacks (a staff page in a language that has only the public ones) reads in English, never as
 * an id. Ids the English no longer has are left out.
 */
export function catalogue(locale: Locale): Record<MessageId, string> {
  if (locale === 'en' || locale === pseudoLocale) return en;
  const translated = translations(locale);
  const messages: Record<string, string> = { ...en };
  for (const id of Object.keys(en)) {
    const text = translated[id];
    if (text !== undefined) messages[id] = text;
  }
  return messages;
}

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
      messages: {
        [locale]:
          locale === pseudoLocale
            ? Object.fromEntries(Object.entries(en).map(([id, text]) => [id, pseudoMessage(text)]))
            : compileCatalogue(catalogue(locale)),
      },
      // A missing id is a bug the type checker should have caught; show the id, never blank text.
      missing: (_locale, id) => id,
    });
    instances.set(locale, i18n);
  }
  return i18n;
}

const translators = new Map<Locale, Translate>();

/** Messages remembered per locale before the memory starts again empty. */
const MESSAGES_KEPT = 10_000;

/**
 * A message's text per values, remembered in a tree: the id, then each value's name and the
 * value. A page asks for a few hundred messages, most with values (a time, a count); walking
 * maps keyed by strings V8 has already hashed (ids, names, the same formatted time) builds no
 * key and was several times cheaper than one JSON key per call.
 */
type Branch = Map<unknown, Branch | string>;
const TEXT = Symbol('text');

/**
 * The translation function of a locale. A page asks for the same messages with the same values
 * over and over (a weekday, "starts in 5 min", a count), so each locale's function remembers
 * what it produced (a message is a pure function of its id and values), up to a bound.
 */
export function translator(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (translate === undefined) {
    const i18n = instanceFor(locale);
    const plain = new Map<MessageId, string>();
    let tree: Branch = new Map();
    let kept = 0;
    translate = (id, values) => {
      if (values === undefined) {
        let text = plain.get(id);
        if (text === undefined) plain.set(id, (text = i18n._(id)));
        return text;
      }
      let branch = tree.get(id) as Branch | undefined;
      if (branch === undefined) tree.set(id, (branch = new Map()));
      for (const name in values) {
        let byName = branch.get(name) as Branch | undefined;
        if (byName === undefined) branch.set(name, (byName = new Map()));
        const value = values[name];
        let byValue = byName.get(value) as Branch | undefined;
        if (byValue === undefined) byName.set(value, (byValue = new Map()));
        branch = byValue;
      }
      let text = branch.get(TEXT) as string | undefined;
      if (text === undefined) {
        text = i18n._(id, values);
        if (kept >= MESSAGES_KEPT) {
          tree = new Map();
          kept = 0;
        } else {
          branch.set(TEXT, text);
          kept++;
        }
      }
      return text;
    };
    translators.set(locale, translate);
  }
  return translate;
}
