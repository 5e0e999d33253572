import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { flat, hasPdfToText, pdfPages } from '../print/pdf-text.test-support.js';
import { runPorchlightAsync } from '../../test/support/cli.js';
import { startFeedServer } from '../../test/support/feed-server.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'porchlight-print-'));
const databaseUrl = `sqlite:${join(dir, 'print.db')}`;

function porchlight(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'porchlight.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'https://meetings.example.org',
    },
    timeout: 90_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('porchlight print', { timeout: 180_000 }, () => {
  beforeAll(() => {
    expect(porchlight('demo', '--json').code).toBe(0);
  }, 180_000);

  it('writes the PDF of a search and summarises it', () => {
    const out = join(dir, 'greenfield.pdf');
    const result = porchlight(
      'print',
      '--near',
      '01301',
      '--radius',
      '25',
      '--day',
      '1,2',
      '--locale',
      'es',
      '-o',
      out,
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      output: string;
      meetings: number;
      pages: number;
      capped: boolean;
      title: string;
    };
    expect(summary).toMatchObject({ output: out, capped: false });
    expect(summary.meetings).toBeGreaterThan(5);
    expect(summary.title).toBe('Reuniones a menos de 25 millas de Greenfield, MA');
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (hasPdfToText) {
      const pages = pdfPages(pdf);
      expect(pages).toHaveLength(summary.pages);
      const text = flat(pages.join(' '));
      expect(text).toContain('Días: lunes y martes');
      // The address may wrap; without the breaks it is the finder's link to the same search.
      expect(text.replace(/ /g, '')).toContain(
        'https://meetings.example.org/es/?near=01301&radius=25&day=1,2',
      );
      expect(text).not.toContain('Miércoles');
    }
  });

  it('names the file after the place and the date by default', () => {
    const result = porchlight('print', '--program', 'na', '--wheelchair');
    expect(result.code).toBe(0);
    const match = /to (meetings-all-\d{4}-\d{2}-\d{2}\.pdf)$/m.exec(result.stdout);
    expect(match, result.stdout).not.toBeNull();
    expect(readFileSync(join(dir, match![1]!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('exits 2 with the stable code on a bad search, and on a bad option', () => {
    const place = porchlight('print', '--near', 'Nowhereville XQ', '-o', join(dir, 'x.pdf'));
    expect(place.code).toBe(2);
    expect(place.stderr).toContain('PL_UNKNOWN_PLACE');
    const day = porchlight('print', '--day', '9');
    expect(day.code).toBe(2);
    expect(day.stderr).toContain('PL_INVALID_QUERY');
    const paper = porchlight('print', '--paper', 'b5');
    expect(paper.code).toBe(2);
    expect(paper.stderr).toContain('letter, a4');
  });

  it('asks the operator’s geocoder for a town the bundled list lacks (Monroe, MA), once', async () => {
    const nominatim = await startFeedServer();
    try {
      nominatim.respond((u) =>
        u.pathname === '/search' && u.searchParams.get('featureType') === 'settlement'
          ? {
              kind: 'json',
              body: [
                {
                  place_id: 7,
                  lat: '42.7237',
                  lon: '-72.9601',
                  category: 'boundary',
                  type: 'administrative',
                  place_rank: 16,
                  display_name: 'Monroe, Massachusetts, United States',
                },
              ],
            }
          : undefined,
      );
      const env = {
        DATABASE_URL: databaseUrl,
        PUBLIC_URL: 'https://meetings.example.org',
        PORCHLIGHT_GEOCODER_URL: nominatim.origin,
      };
      const args = ['print', '--near', 'Monroe, MA', '--radius', '25', '--json'];
      const result = await runPorchlightAsync(env, [...args, '-o', join(dir, 'monroe.pdf')], dir);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout) as { meetings: number; title: string };
      expect(summary.title).toBe('Meetings near Monroe, MA within 25 miles');
      expect(summary.meetings).toBeGreaterThan(0);
      expect(nominatim.requests).toHaveLength(1);
      expect(new URL(nominatim.requests[0]!, nominatim.origin).searchParams.get('q')).toBe(
        'Monroe, MA',
      );
      // The answer is kept in the database's geocode cache: a second print does not ask again.
      const again = await runPorchlightAsync(env, [...args, '-o', join(dir, 'monroe2.pdf')], dir);
      expect(again.code).toBe(0);
      expect(nominatim.requests).toHaveLength(1);
    } finally {
      await nominatim.close();
    }
  });

  it('without a geocoder, a town the bundled list lacks is an unknown place', () => {
    const result = porchlight('print', '--near', 'Hawley, MA', '-o', join(dir, 'h.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PL_UNKNOWN_PLACE');
  });
});
