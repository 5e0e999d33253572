import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeMeeting } from '../../test/factories/meeting.js';
import type { Meeting, Weekday } from '../meetings/model.js';
import { parseSearchParams } from '../search/parse-params.js';
import type { Locale } from '../web/i18n/locales.js';
import { buildScheduleSheet } from './build-sheet.js';
import { flat, hasPdfToText, pdfPages } from './pdf-text.test-support.js';
import { renderSchedulePdf } from './render-pdf.js';
import type { PaperSize } from './sheet.js';

const NOW = Date.parse('2026-03-04T20:00:00Z');

function sheetOf(meetings: Meeting[], locale: Locale = 'en') {
  const query = parseSearchParams(
    { near: '01301', radius: '25' },
    {
      now: NOW,
      defaultTimeZone: 'America/New_York',
      resolvePlace: () => ({ latitude: 42.59, longitude: -72.6, label: 'Greenfield, MA' }),
    },
  );
  return buildScheduleSheet({
    locale,
    query,
    matches: meetings.map((meeting) => ({ meeting })),
    total: meetings.length,
    now: NOW,
    publicUrl: 'https://meetings.example.org',
    searchUrl: 'https://meetings.example.org/en/?near=01301&radius=25',
  });
}

function render(meetings: Meeting[], locale: Locale = 'en', paper: PaperSize = 'letter') {
  return renderSchedulePdf(sheetOf(meetings, locale), { paper, createdAt: new Date(NOW) });
}

/** Forty meetings over three days, each with a dial-in number of its own. */
function many(): Meeting[] {
  return Array.from({ length: 40 }, (_, i) =>
    makeMeeting({
      id: `id-${i}`,
      slug: `meeting-${i}`,
      name: `Meeting number ${i} of the long list, with a name long enough to wrap over two lines`,
      schedule: [
        {
          kind: 'weekly',
          day: (i % 3) as Weekday,
          start: `${String(8 + (i % 12)).padStart(2, '0')}:00`,
          durationMinutes: 60,
        },
      ],
      online: { phone: `+1413555${String(1000 + i)}` },
    }),
  );
}

describe('renderSchedulePdf', () => {
  it('writes a PDF with the embedded Unicode font on the chosen paper', async () => {
    const letter = await render([makeMeeting()]);
    expect(letter.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(letter.pages).toBe(1);
    const text = letter.bytes.toString('latin1');
    expect(text).toContain('DejaVuSans');
    expect(text).toMatch(/\/MediaBox \[0 0 612 792\]/);
    const a4 = await render([makeMeeting()], 'en', 'a4');
    expect(a4.bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it('gives the same bytes for the same sheet', async () => {
    const a = await render(many());
    const b = await render(many());
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });

  it.skipIf(!hasPdfToText)(
    'prints the header, the days, the entries and the help lines',
    async () => {
      const { bytes } = await render([makeMeeting()]);
      const page = flat(pdfPages(bytes)[0] ?? '');
      expect(page).toContain('Meetings near Greenfield, MA within 25 miles');
      expect(page).toContain('Tuesday');
      expect(page).toContain('7:00 PM Greenfield Big Book');
      expect(page).toContain('16 Court Sq, Greenfield, MA 01301');
      expect(page).toContain('Call (646) 558-8656, then enter 85551234567# and 1234#');
      expect(page).toContain('Call or text 988');
      expect(page).toContain('1-800-662-4357');
      expect(page).toContain('Page 1 of 1');
    },
  );

  it.skipIf(!hasPdfToText)('prints Spanish with its accents', async () => {
    const { bytes } = await render(
      [makeMeeting({ name: 'Reunión de la mañana: Año Nuevo' })],
      'es',
    );
    const page = flat(pdfPages(bytes)[0] ?? '');
    expect(page).toContain('Reuniones a menos de 25 millas de');
    expect(page).toContain('Reunión de la mañana: Año Nuevo');
    expect(page).toContain('Martes');
    expect(page).toContain('Llame al (646) 558-8656 y marque');
    expect(page).toContain('Página 1 de 1');
  });

  it.skipIf(!hasPdfToText)(
    'numbers the pages, repeats the day heading, and never splits an entry across pages',
    async () => {
      const { bytes, pages } = await render(many());
      const texts = pdfPages(bytes).map(flat);
      expect(texts).toHaveLength(pages);
      expect(pages).toBeGreaterThan(2);
      texts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages}`));
      expect(
        texts.slice(1).some((text) => /(Sunday|Monday|Tuesday) \(continued\)/.test(text)),
      ).toBe(true);
      for (let i = 0; i < 40; i++) {
        const nameOn = texts.findIndex((text) => text.includes(`Meeting number ${i} of`));
        const dialOn = texts.findIndex((text) => text.includes(`Call (413) 555-${1000 + i}`));
        expect(nameOn, `meeting ${i}`).toBeGreaterThanOrEqual(0);
        expect(dialOn, `meeting ${i}`).toBe(nameOn);
      }
    },
  );

  it(
    'prints names in any script, emoji and markup without throwing',
    { timeout: 120_000 },
    async () => {
      const hostile = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.constantFrom(
          '<script>alert(1)</script>',
          '中文会议 日本語の会合 한국어 모임',
          'קבוצת שבת אחים — اجتماع الأحد',
          '🙏🏽 Serenity 👩‍👩‍👧 🏳️‍🌈',
          '\u202eevil\u202c\u0000\u0007\ud800',
          ')/Type /Catalog >> endobj %%EOF',
        ),
      );
      // Several hostile meetings per document: a document costs far more than a line.
      const meetings = fc.array(
        fc.tuple(hostile, hostile, hostile).map(([name, place, notes]) =>
          makeMeeting({
            name,
            place: { ...makeMeeting().place, name: place },
            online: { phone: '+14135550100', phoneNotes: notes },
          }),
        ),
        { minLength: 1, maxLength: 12 },
      );
      await fc.assert(
        fc.asyncProperty(meetings, async (list) => {
          const { bytes, pages } = await render(list);
          expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
          expect(pages).toBeGreaterThanOrEqual(1);
        }),
        { numRuns: 10 },
      );
    },
  );

  it.skipIf(!hasPdfToText)('keeps right-to-left and accented text readable', async () => {
    const { bytes } = await render([makeMeeting({ name: 'Grupo Olé — שלום' })]);
    const page = flat(pdfPages(bytes)[0] ?? '');
    expect(page).toContain('Grupo Olé');
    expect(page).toMatch(/שלום|םולש/);
  });
});
