/**
 * The printable resource sheet: the services a finder search shows, laid out as a PDF with
 * pdfkit and the print kit's embedded fonts (`src/print/pdf-fonts.ts`), for a clinic's wall or
 * a coach's hand-out: each service kept whole on a page, the help lines in a box at the top
 * and at the foot of every page.
 */
import { scheduleFonts } from '../../print/pdf-fonts.js';
import { printable } from '../../print/print-text.js';
import { footerLine, openLetterSheet, writeFooters } from '../../print/render-pdf.js';
import { languageList, longDate } from '../../web/intl-format.js';
import type { MessageId } from '../../web/i18n/translator.js';
import type { PageContext } from '../../web/page-context.js';
import type { ResourceResult } from '../routes.js';
import { hoursLines } from './hours-words.js';

const MARGIN = 54;
const FOOTER = 30;
type Font = keyof typeof scheduleFonts;
interface Line {
  text: string;
  font: Font;
  size: number;
}

export interface ResourceSheetInput {
  ctx: PageContext;
  results: ResourceResult[];
  total: number;
  place?: string;
  /** The finder URL of the same search, printed so a reader finds the current list. */
  url: string;
  createdAt: Date;
}

/** The lines of one service, in the sheet's language. */
function serviceLines(ctx: PageContext, result: ResourceResult): Line[] {
  const { t, locale } = ctx;
  const lines: Line[] = [{ text: printable(result.name, 200) ?? '', font: 'bold', size: 13 }];
  const add = (text: string | undefined, font: Font = 'regular', size = 10.5) => {
    const clean = printable(text, 400);
    if (clean !== undefined) lines.push({ text: clean, font, size });
  };
  if (result.organization !== undefined)
    add(t('resources.by', { organization: result.organization.name }));
  add(
    [
      result.distance !== undefined ? `${result.distance} mi` : undefined,
      result.location?.name,
      result.location?.address,
    ]
      .filter((p) => p !== undefined)
      .join(' · ') || undefined,
  );
  for (const phone of result.phones) {
    add(
      phone.extension === undefined
        ? t('resources.phone', { number: phone.number })
        : t('resources.phoneExt', { number: phone.number, extension: phone.extension }),
      'bold',
    );
  }
  const hours = hoursLines(ctx, result.schedules);
  add(
    `${t('resources.hours')}: ${hours.length > 0 ? hours.join('; ') : t('resources.hoursUnknown')}`,
  );
  const pays = result.costOptions.map((c) => t(`resources.cost.${c.kind}` as MessageId));
  if (pays.length > 0) add(t('resources.pays', { list: pays.join(', ') }));
  if (result.languages.length > 0)
    add(t('resources.speaks', { list: languageList(result.languages, locale) }));
  return lines;
}

/** The sheet as PDF bytes. */
export function renderResourceSheet(input: ResourceSheetInput): Promise<Buffer> {
  const { ctx, results } = input;
  const { t, locale } = ctx;
  const title =
    input.place === undefined
      ? t('resources.sheet.titleAll')
      : t('resources.sheet.title', { place: input.place });
  const { doc, bytes } = openLetterSheet(ctx, title, input.createdAt, FOOTER);
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - FOOTER;
  let y = MARGIN;
  const height = (lines: Line[]) =>
    lines.reduce(
      (sum, l) =>
        sum +
        doc.font(scheduleFonts[l.font]).fontSize(l.size).heightOfString(l.text, { width }) +
        1,
      0,
    );
  const draw = (lines: Line[]) => {
    for (const l of lines) {
      doc
        .font(scheduleFonts[l.font])
        .fontSize(l.size)
        .fillColor('#000')
        .text(l.text, left, y, { width });
      y += doc.heightOfString(l.text, { width }) + 1;
    }
  };
  const helpLines = [t('crisis.988'), t('crisis.samhsa'), t('help.crisis.911')];
  const date = longDate(input.createdAt.toISOString(), locale) ?? '';
  draw([
    { text: title, font: 'bold', size: 20 },
    { text: t('resources.sheet.printed', { date, url: input.url }), font: 'regular', size: 9.5 },
  ]);
  if (results.length < input.total) {
    draw([
      {
        text: t('resources.sheet.capped', { shown: results.length, total: input.total }),
        font: 'bold',
        size: 10.5,
      },
    ]);
  }
  const help: Line[] = [
    { text: t('print.help.heading'), font: 'bold', size: 12 },
    ...helpLines.map((text): Line => ({ text, font: 'regular', size: 11 })),
  ];
  y += 8;
  const boxTop = y;
  const boxHeight = height(help) + 12;
  doc.save().lineWidth(1.5).rect(left, boxTop, width, boxHeight).stroke('#000').restore();
  y += 6;
  draw(help);
  y = boxTop + boxHeight + 10;
  for (const result of results) {
    const lines = serviceLines(ctx, result);
    const needed = height(lines) + 8;
    if (y + needed > bottom) {
      doc.addPage();
      y = MARGIN;
    }
    draw(lines);
    y += 8;
  }
  writeFooters(doc, FOOTER, (y, page, pages) => {
    const help = `${helpLines[0]} · ${helpLines[1]}`;
    footerLine(doc, {
      left,
      width,
      y,
      page: t('print.page', { page, pages }),
      help,
      color: '#000',
    });
  });
  doc.end();
  return bytes;
}
