// Writes the committed, generated documents (OpenAPI, JSON Schemas, the translation catalogues).
// Run after changing a route, a schema or an English message: `npm run generate`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderArtefacts } from '../src/artefacts.js';
import { renderCatalogues } from '../src/web/i18n/extract-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const [path, content] of Object.entries(await renderArtefacts())) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
  console.log(`wrote ${path}`);
}
for (const { path, text } of renderCatalogues()) {
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
