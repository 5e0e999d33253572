/**
 * Lays a schedule sheet out as a PDF with pdfkit, for a wall: large day headings, times in a
 * column of their own, every entry kept whole on one page (a day that runs on repeats its
 * heading), and the help lines and page numbers in every page's footer.
 */
import PDFDocument from 'pdfkit';
import { translator } from '../web/i18n/translator.js';
import { scheduleFonts } from './pdf-fonts.js';
import type { PaperSize, ScheduleSheet, SheetEntry } from './sheet.js';

export interface RenderOptions {
  paper: PaperSize;
  /** The creation date written in the PDF's metadata (so the same sheet gives the same bytes). */
  createdAt: Date;
}

const MARGIN = 54;
const FOOTER_HEIGHT = 30;
const TIME_COLUMN = 104;
const ENTRY_GAP = 9;
const INK = '#000000';
const SOFT_INK = '#333333';

// Fonts are selected by path, not by registered alias: pdfkit caches an alias that names the
// document's initial font under that font's name only, and would reopen the file on every use.
type FontName = keyof typeof scheduleFonts;

interface Line {
  text: string;
  font: FontName;
  size: number;
  color?: string;
  gapBefore?: number;
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/** What a printed sheet's document is opened with. */
export interface SheetDocumentOptions {
  paper: PaperSize;
  locale: string;
  title: string;
  author: string;
  createdAt: Date;
  /** The room kept at the foot of every page for the footer. */
  footerHeight: number;
}

/**
 * A sheet's PDF document with the embedded fonts, its pages buffered (footers are written once
 * the page count is known), and its bytes once `doc.end()` is called.
 */
export function openSheetDocument(options: SheetDocumentOptions): {
  doc: PDFKit.PDFDocument;
  bytes: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: options.paper === 'a4' ? 'A4' : 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN + options.footerHeight, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: options.locale,
    displayTitle: true,
    font: scheduleFonts.regular,
    info: {
      Title: options.title,
      Author: options.author,
      Creator: 'Porchlight',
      Producer: 'Porchlight',
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

/**
 * A US letter sheet in the reader's language, by the site, dated `createdAt` (the desk's and
 * the resource finder's printouts).
 */
export function openLetterSheet(
  ctx: { locale: string; t: (id: 'site.name') => string },
  title: string,
  createdAt: Date,
  footerHeight: number,
): ReturnType<typeof openSheetDocument> {
  const { locale, t } = ctx;
  return openSheetDocument({
    paper: 'letter',
    locale,
    title,
    author: t('site.name'),
    createdAt,
    footerHeight,
  });
}

/**
 * Writes every page's footer once the page count is known: `draw` is given the footer's first
 * baseline, the page's number and the count. The bottom margin is lifted meanwhile, since
 * writing below it would otherwise start a new page.
 */
export function writeFooters(
  doc: PDFKit.PDFDocument,
  footerHeight: number,
  draw: (y: number, page: number, pages: number) => void,
): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    const saved = margins.bottom;
    margins.bottom = 0;
    draw(doc.page.height - MARGIN - footerHeight + 12, i - range.start + 1, range.count);
    margins.bottom = saved;
  }
}

/**
 * A footer line: the page's number at the right, `help` beside it cut to the room left;
 * returns that room, for the lines under it.
 */
export function footerLine(
  doc: PDFKit.PDFDocument,
  line: { left: number; width: number; y: number; page: string; help: string; color: string },
): number {
  const { left, width, y, page } = line;
  doc.font(scheduleFonts.regular).fontSize(9).fillColor(line.color);
  const pageWidth = doc.widthOfString(page);
  doc.text(page, left + width - pageWidth, y, { lineBreak: false });
  const room = width - pageWidth - 12;
  doc.text(line.help, left, y, { width: room, lineBreak: false, ellipsis: true });
  return room;
}

/** The PDF of a sheet, as bytes, with its page count. */
export function renderSchedulePdf(
  sheet: ScheduleSheet,
  options: RenderOptions,
): Promise<RenderedPdf> {
  const { doc, bytes: done } = openSheetDocument({
    paper: options.paper,
    locale: sheet.locale,
    title: sheet.title,
    author: sheet.site,
    createdAt: options.createdAt,
    footerHeight: FOOTER_HEIGHT,
  });
  new Layout(doc, sheet).render();
  const pages = doc.bufferedPageRange().count;
  doc.end();
  return done.then((bytes) => ({ bytes, pages }));
}

class Layout {
  private y: number;
  private readonly left: number;
  private readonly width: number;
  private readonly bottom: number;
  private readonly t;
  private readonly heights = new Map<string, number>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly sheet: ScheduleSheet,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    this.bottom = doc.page.height - doc.page.margins.bottom;
    this.y = doc.page.margins.top;
    this.t = translator(sheet.locale);
  }

  render(): void {
    this.header();
    for (const section of this.sheet.sections) {
      const hasEntries = section.days.length > 0 || section.byAppointment.length > 0;
      if (!hasEntries) continue;
      if (section.heading !== undefined) {
        const lines: Line[] = [{ text: section.heading, font: 'bold', size: 18 }];
        if (section.note !== undefined)
          lines.push({ text: section.note, font: 'regular', size: 11 });
        // Keep the heading with the first day heading and entry that follow it.
        const first = section.days[0]?.entries[0] ?? section.byAppointment[0];
        this.ensure(
          10 +
            this.measure(lines, this.width) +
            this.dayHeadingHeight() +
            (first === undefined ? 0 : this.entryHeight(first)),
        );
        this.y += 10;
        this.draw(lines, this.left, this.width);
      }
      for (const day of section.days) this.day(day.heading, day.entries);
      if (section.byAppointment.length > 0)
        this.day(this.sheet.byAppointmentHeading, section.byAppointment);
    }
    this.footers();
  }

  private header(): void {
    const { sheet } = this;
    const lines: Line[] = [{ text: sheet.title, font: 'bold', size: 20 }];
    for (const filter of sheet.filters) lines.push({ text: filter, font: 'regular', size: 13 });
    lines.push({
      text: `${sheet.count} ${sheet.zoneNote}`,
      font: 'regular',
      size: 11,
      gapBefore: 6,
    });
    if (sheet.capped !== undefined) lines.push({ text: sheet.capped, font: 'bold', size: 11 });
    if (sheet.empty !== undefined)
      lines.push({ text: sheet.empty, font: 'bold', size: 13, gapBefore: 6 });
    lines.push({ text: sheet.printed, font: 'regular', size: 9.5, color: SOFT_INK, gapBefore: 4 });
    this.draw(lines, this.left, this.width);

    // The help lines in a box: the one thing a passer-by must be able to read.
    const help: Line[] = [
      { text: sheet.helpHeading, font: 'bold', size: 13 },
      ...sheet.helpLines.map((text): Line => ({ text, font: 'regular', size: 12 })),
    ];
    const pad = 8;
    const height = this.measure(help, this.width - 2 * pad) + 2 * pad;
    this.y += 8;
    this.doc
      .save()
      .lineWidth(1.5)
      .rect(this.left, this.y, this.width, height)
      .stroke(INK)
      .restore();
    const top = this.y;
    this.y += pad;
    this.draw(help, this.left + pad, this.width - 2 * pad);
    this.y = top + height + 6;
  }

  /** A day: its heading, then its entries; the heading repeats on each page the day runs to. */
  private day(heading: string, entries: SheetEntry[]): void {
    const first = entries[0];
    const headingHeight = this.dayHeadingHeight();
    this.ensure(headingHeight + (first === undefined ? 0 : this.entryHeight(first)));
    this.dayHeading(heading);
    for (const entry of entries) {
      const height = this.entryHeight(entry);
      if (this.y + height > this.bottom) {
        this.newPage();
        this.dayHeading(this.t('print.continued', { day: heading }));
      }
      this.entry(entry);
    }
  }

  private dayHeadingHeight(): number {
    return 14 + this.measure([{ text: 'Wg', font: 'bold', size: 20 }], this.width) + 8;
  }

  private dayHeading(text: string): void {
    this.y += 14;
    this.draw([{ text, font: 'bold', size: 20 }], this.left, this.width);
    this.y += 2;
    this.doc
      .save()
      .lineWidth(2)
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .stroke(INK)
      .restore();
    this.y += 6;
  }

  private entryLines(entry: SheetEntry): { time: Line[]; body: Line[] } {
    const time: Line[] = [];
    if (entry.time !== '') time.push({ text: entry.time, font: 'bold', size: 14 });
    if (entry.zoneLabel !== undefined)
      time.push({ text: entry.zoneLabel, font: 'regular', size: 9, color: SOFT_INK });
    const body: Line[] = [{ text: entry.name, font: 'bold', size: 14 }];
    const add = (text: string | undefined, font: FontName, size: number, color?: string) => {
      if (text !== undefined) body.push({ text, font, size, ...(color ? { color } : {}) });
    };
    add(entry.status, 'bold', 11.5);
    add(entry.recurrence, 'bold', 11.5);
    add(
      entry.where === undefined ? entry.attendance : `${entry.attendance}: ${entry.where}`,
      'regular',
      11.5,
    );
    add(entry.dial, 'regular', 11.5);
    add(entry.dialNotes, 'regular', 10, SOFT_INK);
    add(entry.online, 'regular', 10, SOFT_INK);
    add(entry.details, 'regular', 10, SOFT_INK);
    return { time, body };
  }

  private entryHeight(entry: SheetEntry): number {
    const { time, body } = this.entryLines(entry);
    return (
      Math.max(this.measure(time, TIME_COLUMN - 8), this.measure(body, this.width - TIME_COLUMN)) +
      ENTRY_GAP
    );
  }

  private entry(entry: SheetEntry): void {
    const { time, body } = this.entryLines(entry);
    const top = this.y;
    this.draw(time, this.left, TIME_COLUMN - 8);
    const afterTime = this.y;
    this.y = top;
    this.draw(body, this.left + TIME_COLUMN, this.width - TIME_COLUMN);
    this.y = Math.max(this.y, afterTime) + ENTRY_GAP;
  }

  private measure(lines: readonly Line[], width: number): number {
    let height = 0;
    for (const line of lines) height += (line.gapBefore ?? 0) + this.lineHeight(line, width) + 1;
    return height;
  }

  /** Wrapping is the costly part of layout; each entry is measured once before it is drawn. */
  private lineHeight(line: Line, width: number): number {
    const key = `${line.font}|${line.size}|${width}|${line.text}`;
    let height = this.heights.get(key);
    if (height === undefined) {
      this.doc.font(scheduleFonts[line.font]).fontSize(line.size);
      height = this.doc.heightOfString(line.text, { width });
      this.heights.set(key, height);
    }
    return height;
  }

  private draw(lines: readonly Line[], x: number, width: number): void {
    for (const line of lines) {
      this.y += line.gapBefore ?? 0;
      this.doc
        .font(scheduleFonts[line.font])
        .fontSize(line.size)
        .fillColor(line.color ?? INK)
        .text(line.text, x, this.y, { width });
      this.y += this.lineHeight(line, width) + 1;
    }
  }

  private ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
  }

  /** Page numbers and the help lines at the foot of every page, once the page count is known. */
  private footers(): void {
    const { doc, sheet, left, width } = this;
    writeFooters(doc, FOOTER_HEIGHT, (y, page, pages) => {
      doc
        .save()
        .lineWidth(0.75)
        .moveTo(left, y - 5)
        .lineTo(left + width, y - 5)
        .stroke(SOFT_INK)
        .restore();
      const room = footerLine(doc, {
        left,
        width,
        y,
        page: this.t('print.page', { page, pages }),
        help: `${sheet.helpLines[0] ?? ''} · ${sheet.helpLines[1] ?? ''}`,
        color: INK,
      });
      doc.text(sheet.site, left, y + 12, { width: room, lineBreak: false, ellipsis: true });
    });
  }
}
