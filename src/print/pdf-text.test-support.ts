/**
 * Reads a PDF's text back with poppler's `pdftotext`, the honest check that what a printer gets
 * says what the sheet says. Tests skip that check, with a message, where poppler-utils is absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasPdfToText = spawnSync('pdftotext', ['-v']).error === undefined;

if (!hasPdfToText) {
  console.warn(
    'print: pdftotext is missing, so the PDF text checks are SKIPPED. ' +
      'Install it with `apt-get install -y poppler-utils` (.ci/run does).',
  );
}

/** The text of each page of a PDF, in reading order with the layout kept. */
export function pdfPages(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-pdf-'));
  try {
    const file = join(dir, 'sheet.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    // Pages end with a form feed; the last one is followed by nothing.
    return result.stdout.split('\f').slice(0, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text with every run of white space made one space: lines wrap where the layout wants. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
