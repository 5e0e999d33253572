/**
 * A member's whole record as a printable PDF: what the JSON export holds (profile, recovery plan,
 * timeline with notes, the access log), for the member who asks for a copy on paper. It uses the
 * printed schedule's embedded font (DejaVu Sans), so accents and most scripts print anywhere.
 * Dates and times are the center's.
 */
import PDFDocument from 'pdfkit';
import { scheduleFonts } from '../../print/pdf-fonts.js';
import type { Translate } from '../../web/i18n/translator.js';
import type { Locale } from '../../web/i18n/locales.js';
import { formatDay, formatDayTime } from '../pages/center-dates.js';
import type { MemberExport } from './export-erase.js';

export interface RecordPdfOptions {
  locale: Locale;
  t: Translate;
  /** The center's zone, in which every date and time is written. */
  timeZone: string;
}

const MARGIN = 54;
const SOFT_INK = '#333333';

/** The record as PDF bytes. */
export function renderMemberRecordPdf(
  record: MemberExport,
  { locale, t, timeZone }: RecordPdfOptions,
): Promise<Buffer> {
  const { member } = record;
  const exportedAt = new Date(record.exportedAt);
  const title = t('center.record.title', { name: member.chosenName });
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    lang: locale,
    displayTitle: true,
    font: scheduleFonts.regular,
    info: {
      Title: title,
      Author: record.center.name,
      Creator: 'Porchlight',
      Producer: 'Porchlight',
      CreationDate: exportedAt,
      ModDate: exportedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const day = (iso: string) => formatDay(iso, locale, timeZone);
  const dayTime = (iso: string) => formatDayTime(iso, locale, timeZone);
  const heading = (text: string) =>
    doc.moveDown(0.8).font(scheduleFonts.bold).fontSize(14).fillColor('#000000').text(text);
  const line = (text: string, indent = 0) =>
    doc
      .font(scheduleFonts.regular)
      .fontSize(11)
      .fillColor('#000000')
      .text(text, MARGIN + indent, undefined, { width: doc.page.width - 2 * MARGIN - indent });
  const pair = (label: string, value: string) =>
    doc
      .font(scheduleFonts.bold)
      .fontSize(11)
      .fillColor('#000000')
      .text(`${label}: `, { continued: true })
      .font(scheduleFonts.regular)
      .text(value);

  doc.font(scheduleFonts.bold).fontSize(20).text(title);
  doc
    .font(scheduleFonts.regular)
    .fontSize(10)
    .fillColor(SOFT_INK)
    .text(t('center.record.made', { center: record.center.name, date: dayTime(record.exportedAt) }))
    .text(t('center.record.private'));

  heading(t('center.member.about'));
  pair(t('center.field.chosenName'), member.chosenName);
  line(t('center.member.since', { date: day(member.createdAt) }));
  pair(t('center.member.engagement'), t(`center.engagement.${member.engagement}`));
  pair(
    t('center.member.pathways'),
    member.pathways.length === 0
      ? t('center.member.none')
      : member.pathways.map((p) => t(`center.pathway.${p}`)).join(', '),
  );
  const contact = member.contact;
  const reach = [
    contact?.phone,
    contact?.email,
    contact?.preferredChannel === undefined
      ? undefined
      : t('center.member.prefers', { channel: t(`center.channel.${contact.preferredChannel}`) }),
    contact?.doNotContact === true ? t('center.member.doNotContact') : undefined,
  ].filter((p) => p !== undefined);
  pair(
    t('center.member.contact'),
    reach.length === 0 ? t('center.member.noContact') : reach.join(' · '),
  );
  if (member.recoveryStartDate !== undefined)
    pair(t('center.member.recoveryStart'), day(`${member.recoveryStartDate}T12:00:00Z`));

  heading(t('center.plan.heading'));
  if (record.plan.length === 0) line(t('center.plan.empty'));
  for (const goal of record.plan) {
    const status = [
      goal.dueDate !== undefined ? t('center.plan.due', { date: goal.dueDate }) : undefined,
      goal.completedAt !== undefined
        ? t('center.plan.completed', { date: day(goal.completedAt) })
        : undefined,
    ].filter((s) => s !== undefined);
    doc.moveDown(0.3);
    line(`${t(`center.plan.domain.${goal.domain}`)}: ${goal.title}`);
    if (status.length > 0) line(status.join(' · '), 14);
    for (const step of goal.steps)
      line(
        `${step.doneAt !== undefined ? '☑' : '☐'} ${step.text}${
          step.doneAt !== undefined
            ? ` (${t('center.plan.stepDone', { date: day(step.doneAt) })})`
            : ''
        }`,
        14,
      );
  }

  heading(t('center.member.timeline'));
  if (record.timeline.length === 0) line(t('center.member.timelineEmpty'));
  for (const item of record.timeline) {
    doc.moveDown(0.3);
    if (item.kind === 'encounter') {
      line(
        `${dayTime(item.at)} · ${t(`center.encounter.type.${item.type}`)} · ${t(
          'center.timeline.minutes',
          { minutes: item.durationMinutes },
        )}`,
      );
      if (item.note !== undefined) line(`${t('center.timeline.note')}: ${item.note}`, 14);
    } else line(`${dayTime(item.at)} · ${t('center.timeline.barc', { total: item.total })}`);
  }

  heading(t('center.record.access'));
  for (const entry of record.access) line(`${dayTime(entry.at)} · ${entry.action}`);

  doc.end();
  return done;
}
