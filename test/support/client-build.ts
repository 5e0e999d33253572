/**
 * Vitest global setup: builds the client (dist/client) when it is missing or older than its
 * sources, once before any test file runs, so pages in tests carry the islands of the code in
 * the tree. A fresh build costs a directory scan. A failed build does not stop the other tests;
 * the browser tests of the islands then fail on the missing build, with this message.
 */
import { ensureClientBuild } from '../../scripts/build-client.js';

export default function setup(): void {
  try {
    const { built, ms } = ensureClientBuild({ quiet: true });
    if (built) console.warn(`client build refreshed for the tests (${ms} ms)`);
  } catch (error) {
    console.error(`the client build failed; island tests will fail: ${String(error)}`);
  }
}
