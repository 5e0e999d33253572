/**
 * The space's words, rendered by the server in the page's language into `data-words` (the
 * script carries no text of its own). `{name}`-style placeholders are filled here; counts pick
 * their form with the language's plural rules.
 */
import { fill } from '../ui-template.js';

/** Reads words and formats days and instants in the page's language. */
export interface Words {
  locale: string;
  /** The word of a key with its placeholders filled; the key itself when missing. */
  t(key: string, values?: Record<string, string | number>): string;
  /** `{n} day` or `{n} days` by the language's rules (`key.one` / `key.other`). */
  count(key: string, n: number, values?: Record<string, string | number>): string;
  /** A calendar day, e.g. "Dec 7, 2026". */
  day(day: string): string;
  /** An instant in the device's zone, e.g. "Mon, Dec 7, 7:30 PM". */
  instant(iso: string): string;
}

/** The words of a `data-words` attribute. */
export function readWords(json: string | undefined, locale: string): Words {
  let table: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(json ?? '{}');
    if (typeof parsed === 'object' && parsed !== null) table = parsed as Record<string, string>;
  } catch {
    // Unreadable words show their keys rather than nothing.
  }
  const plural = new Intl.PluralRules(locale);
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const instantFormat = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  const t = (key: string, values: Record<string, string | number> = {}) =>
    fill(
      table[key] ?? key,
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
    );
  return {
    locale,
    t,
    count: (key, n, values = {}) =>
      t(`${key}.${plural.select(n) === 'one' ? 'one' : 'other'}`, {
        n: n.toLocaleString(locale),
        ...values,
      }),
    day: (day) => {
      const at = new Date(`${day}T00:00:00Z`);
      return Number.isNaN(at.getTime()) ? day : dayFormat.format(at);
    },
    instant: (iso) => {
      const at = new Date(iso);
      return Number.isNaN(at.getTime()) ? iso : instantFormat.format(at);
    },
  };
}
