/**
 * Browser tests drive Debian's Chromium through playwright-core: no browser download ever.
 * They skip (with a message saying why) on a machine without /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  console.warn(
    `e2e: ${CHROMIUM} is missing, so the browser tests are SKIPPED. ` +
      'Install it with `apt-get install -y chromium` (.ci/run does).',
  );
}

/** Launches headless Chromium with everything that could reach the network on its own turned off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
