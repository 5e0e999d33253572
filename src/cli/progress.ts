import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';
import type { FeedProblem } from '../platform/errors.js';

// Loaded when a bar is drawn, not when the CLI starts.
const require = createRequire(import.meta.url);

/** A progress bar on stderr for long work; silent when stderr is not a terminal. */
export function startBar(
  label: string,
  total: number,
): { update(done: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const { SingleBar, Presets } = require('cli-progress') as typeof cliProgress;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total}`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

/** An indeterminate "working" line on stderr while one long step runs. */
export function startSpinner(label: string): { stop(): void } {
  if (!process.stderr.isTTY) return { stop: () => undefined };
  const frames = ['|', '/', '-', '\\'];
  let i = 0;
  const timer = setInterval(() => process.stderr.write(`\r${frames[i++ % 4]} ${label}`), 120);
  return {
    stop: () => {
      clearInterval(timer);
      process.stderr.write('\r\x1b[K');
    },
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
