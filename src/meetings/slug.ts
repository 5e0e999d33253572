/** Turns any text into a URL slug: lower-case ASCII letters, digits and single dashes. */
export function slugify(text: string, maxLength = 80): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

/**
 * Chooses our slug for a new meeting: the source's slug when it reads as words, else the
 * meeting's name (sources such as "6" or "64769" use database ids); then a counter when taken.
 * Slugs are chosen once and stored, so they survive refreshes however the name changes.
 */
export function chooseSlug(sourceSlug: string, name: string, taken: ReadonlySet<string>): string {
  const fromSource = slugify(sourceSlug);
  const base = (/[a-z]/.test(fromSource) ? fromSource : slugify(name)) || 'meeting';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 72).replace(/-+$/, '')}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
