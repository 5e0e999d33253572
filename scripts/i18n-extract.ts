// Writes each language's catalogue (src/web/i18n/catalogues/*.po) from the English messages:
// `npm run i18n:extract`. `npm run i18n:extract -- fr` starts a catalogue for a new language.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueUrl } from '../src/web/i18n/catalogue-files.js';
import { renderCatalogues } from '../src/web/i18n/extract-files.js';
import { projectRoot } from '../src/platform/paths.js';

for (const language of process.argv.slice(2)) {
  if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(language)) {
    console.error(`"${language}" is not a language tag such as fr or pt-BR`);
    process.exit(2);
  }
  const url = catalogueUrl(language);
  if (!existsSync(url)) writeFileSync(url, '');
}
for (const { path, language, text, summary } of renderCatalogues()) {
  writeFileSync(join(projectRoot, path), text);
  const { added, dropped, fuzzy, untranslated } = summary;
  console.log(
    `${language}: ${added} new, ${dropped} dropped, ${fuzzy} to review (fuzzy), ${untranslated} untranslated -> ${path}`,
  );
}
