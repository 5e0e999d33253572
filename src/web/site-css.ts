/**
 * The site's style sheet as it is inlined into pages, and the CSP source that allows exactly
 * this text (`style-src 'sha256-...'`), so no other inline style can run.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Removes comments and layout whitespace; our own CSS has no strings where spaces matter. */
export function minifyCss(css: string): string {
  return (
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      // Not around ':' on its left: `.a :focus` (descendant) differs from `.a:focus`.
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim()
  );
}

/** The minified style sheet every page inlines in its one `<style>` element. */
export const SITE_CSS = minifyCss(readFileSync(new URL('./site.css', import.meta.url), 'utf8'));

/** The CSP source expression that allows {@link SITE_CSS} and nothing else inline. */
export const SITE_CSS_CSP_SOURCE = `'sha256-${createHash('sha256').update(SITE_CSS, 'utf8').digest('base64')}'`;
