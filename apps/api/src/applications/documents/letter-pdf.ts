/**
 * A decision letter (approval, or rejection with its reason): the text from the Handlebars
 * templates in templates/ (Indonesian, then its English translation), laid out by pdfkit on A4
 * with the letter's number and the QR code to the verification page.
 */
import type { DecisionLetterKind } from '@mpp/contracts';
import { formatBookingCode } from '@mpp/domain';
import Handlebars from 'handlebars';
import { collectPdf } from '../../common/pdf';
import { BOLD, drawHeader, drawVerification, formatDay, formatInstant, newIssuedPdf, OBLIQUE, PdfWriter } from './issued-pdf';
import { DECISION_LETTER_EN } from './templates/decision-letter.en';
import { DECISION_LETTER_ID } from './templates/decision-letter.id';

export interface LetterModel {
  kind: DecisionLetterKind;
  number: string;
  verificationUrl: string;
  applicationCode: string;
  service: { name: string; nameEn: string | null };
  agencyName: string;
  siteName: string;
  siteAddress: string | null;
  timeZone: string;
  applicantName: string;
  nikMasked: string;
  submittedAt: Date | null;
  /** The decision's reason (a rejection's, required there). */
  reason: string | null;
  /** What the officer adds (optional). */
  note: string | null;
  officerName: string;
  issuedAt: Date;
}

interface LetterFields {
  serviceName: string;
  code: string;
  submittedOn: string;
  agencyName: string;
  siteName: string;
  reason: string;
  note: string;
}

const environment = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate<LetterFields>>();

/** Compiled once; strict (a misspelt field fails loudly), plain text (noEscape). */
export function renderLetterText(template: string, fields: LetterFields): string {
  let fn = compiled.get(template);
  if (!fn) {
    fn = environment.compile<LetterFields>(template, { strict: true, knownHelpersOnly: true, noEscape: true });
    compiled.set(template, fn);
  }
  return fn(fields);
}

function fieldsFor(m: LetterModel, lang: 'id' | 'en'): LetterFields {
  return {
    serviceName: lang === 'en' && m.service.nameEn ? m.service.nameEn : m.service.name,
    code: formatBookingCode(m.applicationCode),
    submittedOn: m.submittedAt ? formatDay(m.submittedAt, m.timeZone, lang) : '-',
    agencyName: m.agencyName,
    siteName: m.siteName,
    reason: m.reason ?? '',
    note: m.note ?? '',
  };
}

export async function renderLetterPdf(m: LetterModel, options: { compress?: boolean } = {}): Promise<Buffer> {
  if (m.kind === 'rejection' && !m.reason?.trim()) throw new RangeError('A rejection letter carries the decision’s reason');
  const id = DECISION_LETTER_ID[m.kind];
  const en = DECISION_LETTER_EN[m.kind];
  const doc = newIssuedPdf(`${id.title} ${m.number}`, options);
  const done = collectPdf(doc);
  const w = new PdfWriter(doc);

  drawHeader(w, m.siteName, m.agencyName, m.siteAddress);
  w.field(DECISION_LETTER_ID.number, m.number, 90);
  w.field(DECISION_LETTER_ID.date, formatDay(m.issuedAt, m.timeZone, 'id'), 90);
  w.field(DECISION_LETTER_ID.subject, `${id.title.charAt(0)}${id.title.slice(1).toLowerCase()}`, 90);
  doc.y += 8;
  w.text(DECISION_LETTER_ID.to, { size: 10, gap: 0 });
  w.text(m.applicantName, { font: BOLD, size: 10, gap: 0 });
  w.text(`${DECISION_LETTER_ID.nik} ${m.nikMasked}`, { size: 10, gap: 12 });
  w.text(id.title, { font: BOLD, size: 13, align: 'center', gap: 10 });
  paragraphs(w, renderLetterText(id.body, fieldsFor(m, 'id')), m.reason, 10.5);

  w.keep(70);
  doc.y += 10;
  w.text(`${DECISION_LETTER_ID.signedFor} ${m.agencyName}`, { size: 10, align: 'right', gap: 0 });
  w.text(`${DECISION_LETTER_ID.officer}: ${m.officerName}`, { font: BOLD, size: 10, align: 'right', gap: 0 });
  w.text(formatInstant(m.issuedAt, m.timeZone, 'id'), { size: 9, align: 'right', gap: 8 });
  w.text(DECISION_LETTER_ID.electronic, { size: 8.5, color: '#333333', gap: 4 });

  w.rule(6, 8).keep(120);
  w.text(`${DECISION_LETTER_EN.translation}: ${en.title}`, { font: BOLD, size: 10.5, gap: 6 });
  paragraphs(w, renderLetterText(en.body, fieldsFor(m, 'en')), m.reason, 9.5, OBLIQUE);

  await drawVerification(w, m.number, m.verificationUrl);
  doc.end();
  return done;
}

/** Paragraphs split at blank lines; the reason, where it stands alone, in bold and indented. */
function paragraphs(w: PdfWriter, text: string, reason: string | null, size: number, font?: string): void {
  for (const paragraph of text.split(/\n\s*\n/)) {
    const value = paragraph.trim();
    if (!value) continue;
    const isReason = reason !== null && value === reason.trim();
    w.text(value, { size, font: isReason ? BOLD : font, indent: isReason ? 18 : 0, gap: 7 });
  }
}
