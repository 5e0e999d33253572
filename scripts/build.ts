/**
 * `npm run build` (with --force) and `npm start` (without): compiles the server and CLI into
 * dist/server and builds the client into dist/client, each only when older than its sources
 * unless --force. A failed client build fails `npm run build`; before `npm start` the server
 * still runs, without islands.
 */
import { ensureClientBuild } from './build-client.js';
import { ensureServerBuild } from './build-server.js';

const force = process.argv.includes('--force');
let failed = false;
try {
  const { built, ms } = ensureServerBuild({ force });
  console.error(built ? `server built in ${ms} ms` : 'server build is up to date');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  // Without a current build bin/porchlight.js runs the sources: slower to start, still correct.
  failed = true;
}
try {
  const { built, ms } = ensureClientBuild({ force });
  console.error(built ? `client built in ${ms} ms` : 'client build is up to date');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (!force) console.error('starting without the client build: pages work, without their islands');
  failed = true;
}
if (failed && force) process.exit(1);
