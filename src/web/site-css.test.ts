import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { minifyCss, SITE_CSS, SITE_CSS_CSP_SOURCE } from './site-css.js';

describe('site CSS', () => {
  it('stays tiny', () => {
    expect(Buffer.byteLength(SITE_CSS)).toBeLessThan(4096);
  });

  it('is allowed by exactly its hash', () => {
    const hash = createHash('sha256').update(SITE_CSS).digest('base64');
    expect(SITE_CSS_CSP_SOURCE).toBe(`'sha256-${hash}'`);
  });

  it('minifies without changing selectors', () => {
    expect(minifyCss('/* c */ .a :focus , .b > .c {\n  color: red;\n}')).toBe(
      '.a :focus,.b>.c{color:red}',
    );
  });
});
