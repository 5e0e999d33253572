import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { generateSyntheticFeed } from '../src/demo/synthetic-feed.js';
import { refreshNow, registerSource } from '../src/sources/refresh-source.js';
import { createTestApp } from './support/app.js';
import { testDialects } from './support/databases.js';

/**
 * A server keeps answering while one of its sources is refreshed: the refresh (read, compare,
 * write, merge duplicates, index) gives the event loop turns, and requests are answered in them.
 */
describe.each(testDialects)(
  'a server during a refresh on $name',
  { timeout: 120_000 },
  ({ url }) => {
    let app: App;
    let turns = 0;

    beforeEach(async () => {
      turns = 0;
      app = await createTestApp(
        { databaseUrl: url },
        {
          // Every turn the work offers is taken, so the count does not depend on machine speed.
          yieldToLoop: () => {
            turns++;
            return new Promise((resolve) => setImmediate(resolve));
          },
        },
      );
    });
    afterEach(async () => app.close());

    it('answers requests between the slices of a large refresh', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'refresh-')), 'feed.json');
      writeFileSync(file, JSON.stringify(generateSyntheticFeed(300, { seed: 5 })));
      await registerSource(app.importDeps, {
        name: 'big',
        location: file,
        format: 'meeting-guide',
      });

      // Requests one after another for as long as the refresh runs, each arriving on a turn of
      // the event loop as a request from a socket does.
      let refreshing = true;
      const answered: { status: number; during: boolean }[] = [];
      const visitors = (async () => {
        while (refreshing) {
          for (const path of ['/healthz', '/api/v1/search?near=01301&radius=50']) {
            await new Promise((resolve) => setImmediate(resolve));
            const response = await app.server.inject(path);
            answered.push({ status: response.statusCode, during: refreshing });
          }
        }
      })();
      const report = await refreshNow(app.importDeps, app.jobs, 'big').finally(() => {
        refreshing = false;
      });
      await visitors;

      expect(report).toMatchObject({ outcome: 'applied', added: 300 - report.skipped });
      expect(app.search.size).toBe(report.added);
      const during = answered.filter((a) => a.during);
      expect(turns).toBeGreaterThan(600);
      expect(during.length).toBeGreaterThanOrEqual(20);
      expect(during.every((a) => a.status === 200)).toBe(true);
    });
  },
);
