/**
 * An error's or a feed problem's words in the reader's language. English is what the thrower
 * said (the catalogue's template filled with its parameters, or its own account); Spanish is the
 * catalogue's Spanish, its template filled with the same parameters through Lingui. A problem's
 * detail is kept only when it quotes the reader's own input: any other detail is English.
 */
import { setupI18n, type I18n } from '@lingui/core';
import {
  errorCatalogue,
  feedProblemCatalogue,
  type ErrorCode,
  type ErrorParams,
  type FeedProblem,
} from '../../platform/errors.js';
import { errorsEs, feedProblemsEs } from './errors-es.js';
import { pseudoLocale, type Locale } from './locales.js';
import { pseudoText } from './pseudo.js';
import { compileCatalogue } from './translator.js';

/**
 * What a page knows of a failure: its code (a stored import report's may predate the
 * catalogue), the English message and the template's parameters.
 */
export interface SaidError {
  code: string;
  message: string;
  params?: ErrorParams | undefined;
}

type Words = Record<string, { message: string; template?: string }>;

/** The catalogue of a language as Lingui message ids: `PL_X`, `PL_X.template`, `problem.PL_Y`. */
function messagesOf(errors: Words, problems: Record<string, string>): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const [code, words] of Object.entries(errors)) {
    messages[code] = words.message;
    if (words.template !== undefined) messages[`${code}.template`] = words.template;
  }
  for (const [code, message] of Object.entries(problems)) messages[`problem.${code}`] = message;
  return messages;
}

const englishProblems = Object.fromEntries(
  Object.entries(feedProblemCatalogue).map(([code, entry]) => [code, entry.message]),
);

/**
 * Each language's error messages as Lingui messages (English too, to check the Spanish
 * against). A language without its own says errors in English, the pseudo-locale in its letters.
 */
export const errorMessages = {
  en: messagesOf(errorCatalogue, englishProblems),
  es: messagesOf(errorsEs, feedProblemsEs),
};

type ErrorLanguage = keyof typeof errorMessages;

const instances = new Map<ErrorLanguage, I18n>();

function instanceFor(locale: ErrorLanguage): I18n {
  let i18n = instances.get(locale);
  if (i18n === undefined) {
    i18n = setupI18n({
      locale,
      messages: { [locale]: compileCatalogue(errorMessages[locale]) },
      missing: (_locale, id) => id,
    });
    instances.set(locale, i18n);
  }
  return i18n;
}

/** A failure's message in the reader's language. */
export function errorMessage(locale: Locale, failure: SaidError): string {
  if (locale === pseudoLocale) return `[${pseudoText(failure.message)}]`;
  if (locale !== 'es' || !isErrorCode(failure.code)) return failure.message;
  const i18n = instanceFor(locale);
  const hasTemplate = 'template' in errorCatalogue[failure.code];
  return failure.params !== undefined && hasTemplate
    ? i18n._(`${failure.code}.template`, failure.params)
    : i18n._(failure.code);
}

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}

/** A feed or form problem's message in the reader's language. */
export function problemMessage(locale: Locale, problem: FeedProblem): string {
  if (locale === pseudoLocale) return `[${pseudoText(problem.message)}]`;
  if (locale !== 'es') return problem.message;
  const words = instanceFor(locale)._(`problem.${problem.code}`);
  const detail = quotedDetail(problem);
  return detail === undefined ? words : `${words} (${detail})`;
}

/** The detail the problem's English message adds in parentheses, when it quotes a value. */
function quotedDetail(problem: FeedProblem): string | undefined {
  const prefix = `${feedProblemCatalogue[problem.code].message} (`;
  if (!problem.message.startsWith(prefix) || !problem.message.endsWith(')')) return undefined;
  const detail = problem.message.slice(prefix.length, -1);
  return detail.startsWith('"') ? detail : undefined;
}
