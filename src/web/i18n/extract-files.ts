/**
 * The catalogue files as the English modules want them (decision 0142): every `*.po` under
 * `src/web/i18n/catalogues/` merged with the English messages and where the code uses them.
 * `npm run i18n:extract` writes them; `npm run generate` too, so a stale catalogue is caught
 * with the other generated files.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../platform/paths.js';
import { readCatalogueEntries } from './catalogue-files.js';
import { mergeCatalogue, referenceIndex, type MergeSummary } from './extract.js';
import { en } from './messages-en.js';
import { writePo } from './po.js';

const sourceDir = join(projectRoot, 'src');
const i18nDir = join(sourceDir, 'web', 'i18n');
const catalogueDir = join(i18nDir, 'catalogues');

function sourceFiles(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === i18nDir ? [] : sourceFiles(path);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) return [];
    return [{ path: relative(projectRoot, path), text: readFileSync(path, 'utf8') }];
  });
}

/** The languages that have a catalogue file. */
export function catalogueLanguages(): string[] {
  if (!existsSync(catalogueDir)) return [];
  return readdirSync(catalogueDir)
    .filter((name) => name.endsWith('.po'))
    .map((name) => name.slice(0, -'.po'.length))
    .sort();
}

/** Each catalogue's path (from the project root), its new text and what the merge changed. */
export function renderCatalogues(): {
  path: string;
  language: string;
  text: string;
  summary: MergeSummary;
}[] {
  const references = referenceIndex(sourceFiles(sourceDir));
  return catalogueLanguages().map((language) => {
    const { entries, summary } = mergeCatalogue(
      language,
      en,
      readCatalogueEntries(language),
      references,
    );
    return {
      path: relative(projectRoot, join(catalogueDir, `${language}.po`)),
      language,
      text: writePo(entries),
      summary,
    };
  });
}
