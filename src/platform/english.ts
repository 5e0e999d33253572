/**
 * Counts in English sentences that are not translated (the CLI, operators' reports, API
 * messages): "1 meeting", "2 meetings", "0 meetings". Translated text uses ICU plural messages
 * instead (see `web/i18n`).
 */

const rules = new Intl.PluralRules('en');

/** "1 meeting", "3 meetings"; irregular plurals are given ("1 entry", "2 entries"). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${rules.select(count) === 'one' ? singular : plural}`;
}

/** The singular or the plural form for a count: "is"/"are", "meeting"/"meetings". */
export function forCount(count: number, singular: string, plural: string): string {
  return rules.select(count) === 'one' ? singular : plural;
}
