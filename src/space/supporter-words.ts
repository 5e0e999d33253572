/**
 * What a supporter receives, in the language they read their invitation in: the code that
 * proves their contact, and the person's own words with a line of ours (the crisis line, and
 * the link to stop). Nothing here names the person: their words are all they chose to say.
 */
import { fillTemplate as fill } from '../platform/errors.js';
import type { Locale } from '../web/i18n/locales.js';
import { translator } from '../web/i18n/translator.js';

/** A message with a subject for mail and push; text messages carry only `text`. */
export interface SupporterMessage {
  subject: string;
  text: string;
}

// Codes and links are filled in here rather than handed to the translator, which remembers
// what it produced: a link that stops someone's messages must not stay in its memory.

/** The code a supporter types on the invitation's page. */
export function codeMessage(locale: Locale, code: string): SupporterMessage {
  const t = translator(locale);
  return {
    subject: t('space.supporter.code.subject'),
    text: fill(t('space.supporter.code.text', { code: '{code}' }), { code }),
  };
}

/** The person's words, then ours: they stand first and whole, as the person wrote them. */
export function alertMessage(locale: Locale, words: string, stopLink: string): SupporterMessage {
  const t = translator(locale);
  return {
    subject: t('space.supporter.alert.subject'),
    text: `${words}\n\n${fill(t('space.supporter.alert.footer', { link: '{link}' }), { link: stopLink })}`,
  };
}
