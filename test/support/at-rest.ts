import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Asserts that no needle is in the bytes of the SQLite file in `dir` or its log beside it. */
export function expectNoneIn(dir: string, needles: readonly string[]): void {
  const files = readdirSync(dir).filter((f) => f.startsWith('porchlight.db'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    for (const needle of needles)
      expect({ file, needle, found: bytes.includes(needle) }).toEqual({
        file,
        needle,
        found: false,
      });
  }
}
