import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';
import type { FeedProblem } from '../platform/errors.js';
import type { ImportProgress } from '../sources/import-source.js';

// Loaded when a bar is drawn, not when the CLI starts.
const require = createRequire(import.meta.url);

/** What long work tells the person at the terminal: a step with counts, or a label while waiting. */
export interface Progress {
  /** `done` of `total` of `step` (e.g. "rows parsed"); a new step ends the previous bar. */
  update(step: string, done: number, total: number): void;
  /** Ends the display; the last bar stays on screen with its final count. */
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/**
 * Progress on `stream` (stderr): "label..." until the first count, then a bar per step with
 * its counts. Nothing at all when `quiet` (`--json`) or when the stream is not a terminal, so
 * piped and machine output stay clean.
 */
export function startProgress(
  label: string,
  options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet === true || stream.isTTY !== true) return silent;
  const { SingleBar, Presets } = require('cli-progress') as typeof cliProgress;
  stream.write(`${label}...`);
  let waiting = true;
  let current: { step: string; bar: cliProgress.SingleBar } | undefined;
  const end = () => {
    if (waiting) stream.write('\r\x1b[K');
    waiting = false;
    current?.bar.stop();
    current = undefined;
  };
  return {
    update(step, done, total) {
      if (current?.step !== step) {
        end();
        const bar = new SingleBar(
          {
            format: `${label} [{bar}] {value}/{total} ${step}`,
            stream,
            hideCursor: true,
            barsize: 24,
            // Frames are drawn from the loop that counts too, so a synchronous parse shows.
            synchronousUpdate: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, done);
        current = { step, bar };
      }
      current.bar.setTotal(total);
      current.bar.update(done);
    },
    stop: end,
  };
}

/** An import's progress as bars: rows parsed, then meetings written. */
export function importProgress(progress: Progress): ImportProgress {
  return {
    reading: (done, total) => progress.update('rows parsed', done, total),
    writing: (done, total) => progress.update('meetings written', done, total),
  };
}

/** Prints located problems, one a line, like a compiler: `row 12 (slug) day: message [CODE]`. */
export function printProblems(problems: FeedProblem[], total: number, limit = 50): void {
  for (const p of problems.slice(0, limit)) {
    // A sheet's problems name its own row numbers; -1 is the feed as a whole.
    const row = p.index < 0 ? 'feed' : `row ${p.row ?? p.index}`;
    const where = `${row}${p.slug !== undefined ? ` (${p.slug})` : ''}${p.field !== undefined ? ` ${p.field}` : ''}`;
    console.log(
      `  ${p.severity === 'error' ? 'error  ' : 'warning'} ${where}: ${p.message} [${p.code}]`,
    );
  }
  if (total > Math.min(limit, problems.length))
    console.log(`  ... and ${total - Math.min(limit, problems.length)} more`);
}
