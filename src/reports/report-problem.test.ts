import { afterEach, describe, expect, it } from 'vitest';
import { mgRow } from '../../test/factories/meeting-guide.js';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { fixedClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { createRepositories } from '../repositories.js';
import { importFeed } from '../sources/import-feed.js';
import { reportProblem } from './report-problem.js';

describe.each(testDialects)('reportProblem on $name', ({ url }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => handle?.close());

  async function setUp() {
    handle = await openTestDatabase(url);
    const repos = createRepositories(handle.db);
    const clock = fixedClock('2026-11-01T12:00:00Z');
    await importFeed(
      { repos, clock, limits: { maxBytes: 1e6, timeoutMs: 1e4 } },
      { source: 'franklin', location: 'test', rows: [mgRow()] },
    );
    return { repos, clock };
  }

  it('stores a report against the meeting, with no personal data', async () => {
    const { repos, clock } = await setUp();
    const stored = await reportProblem(repos, clock, 'greenfield-big-book', {
      kind: 'wrong_time',
      message: 'It starts at 7:30 now.',
    });
    const meeting = await repos.meetings.findBySlug('greenfield-big-book');
    expect(await repos.problemReports.forMeeting(meeting!.id)).toEqual([
      {
        id: stored.id,
        meetingId: meeting!.id,
        kind: 'wrong_time',
        message: 'It starts at 7:30 now.',
        createdAt: '2026-11-01T12:00:00.000Z',
      },
    ]);
  });

  it('refuses an unknown slug with a stable code', async () => {
    const { repos, clock } = await setUp();
    await expect(
      reportProblem(repos, clock, 'nope', { kind: 'other', message: '' }),
    ).rejects.toMatchObject({ code: 'PL_MEETING_NOT_FOUND' });
  });
});
