import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderArtefacts } from './artefacts.js';

describe('committed generated documents', () => {
  it('match the code (run `npm run generate` after changing a route or schema)', async () => {
    const artefacts = await renderArtefacts();
    for (const [path, content] of Object.entries(artefacts)) {
      const committed = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
      expect(committed, `${path} is out of date`).toBe(content);
    }
  });
});
