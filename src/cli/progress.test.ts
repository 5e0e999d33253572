import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importProgress, startProgress } from './progress.js';

/** A stream that keeps what is written, claiming to be a terminal or not. */
function fakeStream(isTTY: boolean) {
  let written = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      written += String(chunk);
      done();
    },
  });
  Object.assign(stream, { isTTY, columns: 120 });
  return { stream: stream as unknown as NodeJS.WriteStream, written: () => written };
}

function runImport(options: { quiet?: boolean; stream: NodeJS.WriteStream }): void {
  const progress = startProgress('franklin', options);
  const counts = importProgress(progress);
  for (let i = 0; i <= 3; i++) counts.reading(i, 3);
  for (let i = 0; i <= 2; i++) counts.writing(i, 2);
  progress.stop();
}

describe('progress on the terminal', () => {
  it('draws a bar with counts for each step of an import', () => {
    const terminal = fakeStream(true);
    runImport({ stream: terminal.stream });
    const text = terminal.written();
    expect(text).toContain('franklin...');
    expect(text).toMatch(/franklin \[[^\]]+\] 3\/3 rows parsed/);
    expect(text).toMatch(/franklin \[[^\]]+\] 2\/2 meetings written/);
    expect(text.indexOf('rows parsed')).toBeLessThan(text.indexOf('meetings written'));
  });

  it('writes nothing when the stream is not a terminal, or with --json', () => {
    const piped = fakeStream(false);
    runImport({ stream: piped.stream });
    expect(piped.written()).toBe('');
    const json = fakeStream(true);
    runImport({ stream: json.stream, quiet: true });
    expect(json.written()).toBe('');
  });
});
