import { isPorchlightError } from '../platform/errors.js';

export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

/** Prints a value as JSON on stdout (for `--json`). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints a failure: the stable code and the message for expected errors, the stack for bugs. */
export function reportFailure(error: unknown): void {
  if (isPorchlightError(error)) {
    process.stderr.write(`error ${error.code}: ${error.message}\n`);
  } else {
    process.stderr.write(
      `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
}
