/**
 * Runs one hostile feed through the real importers and checks what the importers promise: no
 * crash (a refusal is a PorchlightError with a catalogued code), every problem a catalogued feed
 * problem, a refused snapshot changes nothing stored, an applied one stores only meetings that
 * pass the published schema, and the public answers about it never fail with a 500.
 * The always-on test and `npm run drill:fuzz` share it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Value } from 'typebox/value';
import type { App } from '../../src/app.js';
import { MeetingSchema } from '../../src/meetings/api-schema.js';
import { presentMeeting } from '../../src/meetings/present-meeting.js';
import {
  errorCatalogue,
  feedProblemCatalogue,
  isPorchlightError,
} from '../../src/platform/errors.js';
import { importResources } from '../../src/resources/import-resources.js';
import { importSource } from '../../src/sources/import-source.js';
import type { FuzzFormat, HostileFeed } from '../factories/hostile-feeds.js';

/** What became of one feed: applied, or refused with a stable code; `failure` when a promise broke. */
export interface FuzzVerdict {
  format: FuzzFormat;
  seed: number;
  result: 'applied' | 'refused';
  code?: string;
  failure?: string;
}

const meetingFormats = { 'meeting-guide': 'meeting-guide', csv: 'csv', bmlt: 'bmlt' } as const;
const resourceFormats = { hsds: 'hsds', 'hsds-csv': 'hsds-csv', 'resources-csv': 'csv' } as const;

/** Imports hostile feeds into one app, each into its format's own source. */
export class ImportFuzzer {
  private n = 0;

  constructor(
    private readonly app: App,
    private readonly dir: string,
  ) {}

  /**
   * Imports one feed and checks every promise; the verdict names the first one broken.
   * `answers: false` skips asking the public answers (a long drill asks for a sample).
   */
  async run(feed: HostileFeed, options: { answers?: boolean } = {}): Promise<FuzzVerdict> {
    const folder = join(this.dir, String(this.n++));
    for (const file of feed.files) {
      mkdirSync(dirname(join(folder, file.path)), { recursive: true });
      writeFileSync(join(folder, file.path), file.content);
    }
    const verdict: FuzzVerdict = { format: feed.format, seed: feed.seed, result: 'refused' };
    try {
      const source = `fuzz-${feed.format}`;
      const before = await this.digest(feed.format, source);
      const failure = await this.importAndCheck(feed, join(folder, feed.entry), source, verdict);
      if (failure !== undefined) return { ...verdict, failure };
      if (verdict.result === 'refused' && (await this.digest(feed.format, source)) !== before)
        return { ...verdict, failure: `refused (${verdict.code}) but the stored list changed` };
      if (options.answers === false) return verdict;
      const answer = await this.answersAbout(feed.format, source, verdict.result === 'applied');
      return answer === undefined ? verdict : { ...verdict, failure: answer };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  private async importAndCheck(
    feed: HostileFeed,
    location: string,
    source: string,
    verdict: FuzzVerdict,
  ): Promise<string | undefined> {
    try {
      if (feed.format in meetingFormats) {
        const format = meetingFormats[feed.format as keyof typeof meetingFormats];
        const report = await importSource(this.app.importDeps, {
          source,
          location,
          format,
          strict: feed.seed % 5 === 0,
        });
        for (const p of report.problems)
          if (!Object.hasOwn(feedProblemCatalogue, p.code)) return `uncatalogued problem ${p.code}`;
        if (report.outcome === 'failed' || report.outcome === 'rejected') {
          verdict.code = report.error?.code ?? report.outcome;
          if (!Object.hasOwn(errorCatalogue, verdict.code))
            return `uncatalogued refusal ${verdict.code}`;
          return undefined;
        }
        if (report.outcome === 'held') {
          verdict.code = 'PL_SNAPSHOT_HELD';
          return undefined;
        }
        verdict.result = 'applied';
        return this.storedMeetingsValid(source);
      }
      const format = resourceFormats[feed.format as keyof typeof resourceFormats];
      const result = await importResources(
        {
          resources: this.app.repos.resources,
          clock: this.app.importDeps.clock,
          limits: this.app.importDeps.limits,
        },
        { source, location, format, public: true },
      );
      for (const p of result.problems)
        if (!Object.hasOwn(feedProblemCatalogue, p.code)) return `uncatalogued problem ${p.code}`;
      verdict.result = 'applied';
      return undefined;
    } catch (error) {
      if (isPorchlightError(error) && Object.hasOwn(errorCatalogue, error.code)) {
        verdict.code = error.code;
        return undefined;
      }
      const name = error instanceof Error ? error.name : typeof error;
      const message = error instanceof Error ? error.message : String(error);
      return `crash: ${name}: ${message.slice(0, 300)}`;
    }
  }

  private async storedMeetingsValid(source: string): Promise<string | undefined> {
    const known = await this.app.repos.sources.findByName(source);
    if (known === undefined) return `applied, yet no source ${source}`;
    for (const meeting of await this.app.repos.meetings.all()) {
      if (meeting.provenance.sourceId !== known.id) continue;
      const view = presentMeeting(meeting, { name: 'fuzz' }, 'https://x.example');
      if (!Value.Check(MeetingSchema, view)) {
        const [first] = [...Value.Errors(MeetingSchema, view)];
        return `stored meeting ${meeting.slug} fails the schema: ${first?.instancePath} ${first?.message}`;
      }
    }
    return undefined;
  }

  /** A digest of what a source holds: its meetings or its directory, as stored. */
  private async digest(format: FuzzFormat, source: string): Promise<string> {
    const hash = createHash('sha256');
    if (format in meetingFormats) {
      const known = await this.app.repos.sources.findByName(source);
      if (known !== undefined)
        for (const m of await this.app.repos.meetings.all())
          if (m.provenance.sourceId === known.id) hash.update(JSON.stringify(m));
      hash.update(known === undefined ? 'none' : 'some');
    } else {
      const known = await this.app.repos.resources.sourceByName(source);
      if (known !== undefined)
        hash.update(JSON.stringify(await this.app.repos.resources.load(known.id)));
      hash.update(known === undefined ? 'none' : 'some');
    }
    return hash.digest('hex');
  }

  /** The public answers that show the source and what it imported: never a 500. */
  private async answersAbout(
    format: FuzzFormat,
    source: string,
    applied: boolean,
  ): Promise<string | undefined> {
    const urls =
      format in meetingFormats
        ? [
            '/api/v1/sources',
            `/api/v1/sources/${source}`,
            ...(applied
              ? [
                  '/meeting-guide.json',
                  '/api/v1/meetings?limit=50',
                  '/api/v1/search?near=01301&radius=5000',
                ]
              : []),
          ]
        : applied
          ? ['/api/v1/resources/search?near=01301&radius=5000', '/hsds/services?full=true']
          : [];
    for (const url of urls) {
      const res = await this.app.server.inject({ method: 'GET', url });
      if (res.statusCode >= 500)
        return `GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
    }
    return undefined;
  }
}
