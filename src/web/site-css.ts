/**
 * The site's style sheet as it is inlined into pages, and the CSP source that allows exactly
 * this text (`style-src 'sha256-...'`), so no other inline style can run. esbuild minifies it:
 * once, when the server is compiled (scripts/build-server.ts writes `site.min.css` beside this
 * module), so a compiled server only reads a file at start; running from the sources, it is
 * minified here on first load (decision 0086).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Esbuild from 'esbuild';

/** Minifies CSS with esbuild (comments, whitespace, shorter colours and values). */
export function minifyCss(css: string): string {
  // Loaded only when called: a compiled server reads the sheet minified at build time.
  const { transformSync } = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  return transformSync(css, { loader: 'css', minify: true }).code.trim();
}

/** The sheet minified at build time, else the source minified now. */
function loadSiteCss(): string {
  try {
    return readFileSync(new URL('./site.min.css', import.meta.url), 'utf8');
  } catch {
    return minifyCss(readFileSync(new URL('./site.css', import.meta.url), 'utf8'));
  }
}

/** The minified style sheet every page inlines in its one `<style>` element. */
export const SITE_CSS = loadSiteCss();

/** The CSP source expression that allows {@link SITE_CSS} and nothing else inline. */
export const SITE_CSS_CSP_SOURCE = `'sha256-${createHash('sha256').update(SITE_CSS, 'utf8').digest('base64')}'`;
