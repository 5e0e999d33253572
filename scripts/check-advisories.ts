/**
 * `npm run check:advisories`: the production dependencies against the npm advisory database,
 * failing (exit 1) on an advisory rated high or critical. When the database cannot be asked it
 * says so and exits 0: CI on a machine without the registry must not fail for that, nor report
 * the dependencies as checked. Prints one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { readAudit } from './advisories.js';

const audit = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  encoding: 'utf8',
  timeout: 120_000,
});
const reading = readAudit(audit.stdout ?? '', 'high');
console.log(JSON.stringify({ advisories: reading }));
if (reading.kind === 'unreachable')
  console.log(
    `advisory check not done: the advisory database could not be asked (${reading.reason})`,
  );
if (reading.kind === 'found') {
  console.error(
    `advisories rated high or critical: ${reading.packages.join(', ')} (npm audit --omit=dev)`,
  );
  process.exit(1);
}
