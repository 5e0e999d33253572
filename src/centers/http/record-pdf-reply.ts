/** The member's record as a PDF download: the same answer from the page and from the API. */
import type { FastifyReply } from 'fastify';
import type { Locale } from '../../web/i18n/locales.js';
import { translator } from '../../web/i18n/translator.js';
import type { CenterDesk } from '../desk.js';
import { renderMemberRecordPdf } from '../members/record-pdf.js';
import type { CenterAccess } from '../model.js';

/** Exports the member (checked and logged as the JSON export is) and sends the PDF. */
export async function sendRecordPdf(
  reply: FastifyReply,
  desk: CenterDesk,
  access: CenterAccess,
  memberId: string,
  locale: Locale,
): Promise<FastifyReply> {
  const record = await desk.exportMember(access, memberId);
  const pdf = await renderMemberRecordPdf(record, {
    locale,
    t: translator(locale),
    timeZone: access.center.timeZone,
  });
  return reply
    .type('application/pdf')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="member-${record.member.id}.pdf"`)
    .send(pdf);
}
