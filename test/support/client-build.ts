/**
 * Vitest global setup: compiles the server and CLI (dist/server) and builds the client
 * (dist/client) when missing or older than their sources, once before any test file runs, so
 * CLI tests start the compiled command and pages in tests carry the islands of the code in the
 * tree. A fresh build costs a directory scan. A failed build does not stop the other tests: the
 * CLI then runs its sources, and the browser tests of the islands fail with this message.
 */
import { ensureClientBuild } from '../../scripts/build-client.js';
import { ensureServerBuild } from '../../scripts/build-server.js';

export default function setup(): void {
  try {
    const { built, ms } = ensureServerBuild();
    if (built) console.warn(`server build refreshed for the tests (${ms} ms)`);
  } catch (error) {
    console.error(`the server build failed; the CLI runs its sources: ${String(error)}`);
  }
  try {
    const { built, ms } = ensureClientBuild({ quiet: true });
    if (built) console.warn(`client build refreshed for the tests (${ms} ms)`);
  } catch (error) {
    console.error(`the client build failed; island tests will fail: ${String(error)}`);
  }
}
