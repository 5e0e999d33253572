/**
 * The printable consent form: every element of 42 CFR 2.31, filled with the desk's words, with
 * lines to sign and date by hand, for a member who signs on paper (or wants a copy). On the
 * print kit's document and fonts.
 */
import { scheduleFonts } from '../../print/pdf-fonts.js';
import { printable } from '../../print/print-text.js';
import { openLetterSheet } from '../../print/render-pdf.js';
import type { MessageId } from '../../web/i18n/translator.js';
import type { FormFields } from '../../web/kit/page-scope.js';
import type { PageContext } from '../../web/page-context.js';
import { REDISCLOSURE_NOTICE, shareableItems } from '../model.js';

const MARGIN = 54;

export function renderConsentForm(input: {
  ctx: PageContext;
  service: string;
  values: FormFields;
  createdAt: Date;
}): Promise<Buffer> {
  const { ctx, values } = input;
  const { t, locale } = ctx;
  const value = (name: string) => {
    const v = values[name];
    return typeof v === 'string' ? v : '';
  };
  const title = t('referral.consentTitle');
  const { doc, bytes } = openLetterSheet(ctx, title, input.createdAt, 0);
  const width = doc.page.width - 2 * MARGIN;
  const heading = (text: string, size = 11.5) =>
    doc.font(scheduleFonts.bold).fontSize(size).text(text, { width }).moveDown(0.15);
  const body = (text: string) =>
    doc
      .font(scheduleFonts.regular)
      .fontSize(11)
      .text(printable(text, 2000) ?? '', { width })
      .moveDown(0.5);
  const ruled = (label: string) => {
    heading(label);
    doc.moveDown(1.2);
    const y = doc.y;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width * 0.7, y)
      .stroke('#000')
      .moveDown(0.6);
  };

  doc.font(scheduleFonts.bold).fontSize(18).text(title, { width }).moveDown(0.3);
  body(t('referral.title', { service: input.service }));
  heading(t('referral.memberName'));
  body(value('memberName'));
  heading(t('referral.discloser'));
  body(value('discloser'));
  heading(t('referral.information'));
  body(value('information'));
  heading(t('referral.shares'));
  body(shareableItems.map((item) => `☐ ${t(`referral.share.${item}` as MessageId)}`).join('    '));
  heading(t('referral.recipient'));
  body(value('recipient'));
  heading(t('referral.purpose'));
  body(value('purpose'));
  heading(t('referral.revocation'));
  body(value('revocation'));
  heading(t('referral.expiryDate'));
  body(value('expiryDate'));
  ruled(t('referral.expiryEvent'));
  heading(t('referral.notice'));
  body(REDISCLOSURE_NOTICE);
  ruled(t('referral.signedBy'));
  ruled(new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(input.createdAt));
  doc.end();
  return bytes;
}
