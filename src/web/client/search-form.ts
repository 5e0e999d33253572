/**
 * The finder form's submission, tidied: empty fields are left out (a plain form sends
 * `q=&day=&time=...`), and the viewer's time zone goes along as `tz`, so a person in Los Angeles
 * sees each start in their own time as well as the meeting's.
 */

/**
 * The entries worth sending: no empty values, and the viewer's own zone as `tz` (it replaces one
 * a shared link brought along: the times are for whoever is looking).
 */
export function tidyEntries(
  entries: readonly (readonly [string, string])[],
  viewerZone: string | undefined,
): [string, string][] {
  const known = viewerZone !== undefined && viewerZone !== '';
  const kept = entries
    .filter(([name, value]) => value !== '' && !(known && name === 'tz'))
    .map(([name, value]) => [name, value] as [string, string]);
  if (known) kept.push(['tz', viewerZone]);
  return kept;
}

/** The browser's IANA zone ("America/Los_Angeles"), when it has one. */
export function browserZone(): string | undefined {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return typeof zone === 'string' && zone.includes('/') ? zone : undefined;
  } catch {
    return undefined;
  }
}

/** Tidies every submission of the finder form (`form#finder`), whichever button sent it. */
export function setUpSearchForm(): void {
  const form = document.querySelector<HTMLFormElement>('form#finder');
  if (form == null) return;
  form.addEventListener('formdata', (event) => {
    const data = event.formData;
    const entries = [...data.entries()].map(
      ([name, value]) => [name, typeof value === 'string' ? value : value.name] as const,
    );
    for (const name of new Set(entries.map(([n]) => n))) data.delete(name);
    for (const [name, value] of tidyEntries(entries, browserZone())) data.append(name, value);
  });
}
