/**
 * What a printed queue ticket says, written once for the PDF (ticket-pdf.ts) and the kiosk's
 * browser print (ticket-html.ts). Layout lives in those files; every human word lives here.
 */
import type { PriorityClass, PublicTicketResponse } from '@mpp/contracts';
import { timeZoneAbbreviation } from '@mpp/domain';

export type PrintLang = 'id' | 'en';

export interface TicketPrintModel {
  ticket: PublicTicketResponse;
  /** The agency's full name, e.g. "Dinas Kependudukan dan Pencatatan Sipil Kota Kupang". */
  agencyName: string;
  siteAddress: string | null;
  /** Absolute URL of the ticket's public page; the QR code points here. */
  publicUrl: string;
  /** The most people who can be called before the ticket. */
  peopleAhead: number | null;
  /** The fewest, when which counter frees first decides it (shown as a range); omitted when certain. */
  peopleAheadMin?: number | null;
  /** Defaults to 'id'. */
  lang?: PrintLang;
}

/** The human text of a ticket, piece by piece; optional pieces are null when not printed. */
export interface TicketPrintLines {
  lang: PrintLang;
  /** Document title: "Tiket antrean A001". */
  title: string;
  siteName: string;
  siteAddress: string | null;
  agencyName: string;
  serviceName: string;
  /** Small caption above the number: "Nomor antrean". */
  numberCaption: string;
  number: string;
  /** "PRIORITAS: Lanjut usia"; null for a regular ticket. */
  priorityMark: string | null;
  /** "Selasa, 24 November 2026 pukul 08.05 WITA". */
  issuedAt: string;
  /** "Antrean di depan Anda: 3 orang". */
  peopleAhead: string | null;
  /** "Perkiraan waktu tunggu: ± 15 menit". */
  estimatedWait: string | null;
  /** Alternative text for the QR image. */
  qrAlt: string;
  footer: string;
}

type PriorityGroup = Exclude<PriorityClass, 'regular'>;

interface PrintTexts {
  locale: string;
  title: (number: string) => string;
  numberCaption: string;
  priority: string;
  priorityLabels: Readonly<Record<PriorityGroup, string>>;
  peopleAhead: (count: string) => string;
  estimatedWait: (minutes: number) => string;
  qrAlt: string;
  footer: string;
}

const TEXTS: Readonly<Record<PrintLang, PrintTexts>> = {
  id: {
    locale: 'id-ID',
    title: (number) => `Tiket antrean ${number}`,
    numberCaption: 'Nomor antrean',
    priority: 'PRIORITAS',
    priorityLabels: {
      disability: 'Penyandang disabilitas',
      elderly: 'Lanjut usia',
      pregnant: 'Ibu hamil',
      child: 'Anak-anak',
      disaster_victim: 'Korban bencana',
    },
    peopleAhead: (count) => `Antrean di depan Anda: ${count} orang`,
    estimatedWait: (minutes) => `Perkiraan waktu tunggu: ± ${minutes} menit`,
    qrAlt: 'Kode QR status antrean',
    footer: 'Pindai QR untuk melihat status antrean',
  },
  en: {
    locale: 'en-GB',
    title: (number) => `Queue ticket ${number}`,
    numberCaption: 'Queue number',
    priority: 'PRIORITY',
    priorityLabels: {
      disability: 'Person with disability',
      elderly: 'Elderly',
      pregnant: 'Pregnant woman',
      child: 'Child',
      disaster_victim: 'Disaster victim',
    },
    peopleAhead: (count) => `People ahead of you: ${count}`,
    estimatedWait: (minutes) => `Estimated wait: ± ${minutes} min`,
    qrAlt: 'Queue status QR code',
    footer: 'Scan the QR code to see your queue status',
  },
};

/** "WIB", "WITA", "WIT" for Indonesian zones (kept here for the printing code that imports it). */
export { timeZoneAbbreviation };

/**
 * The wall-clock date and time of an instant at the site, never the server's zone:
 * "Selasa, 24 November 2026 pukul 08.05 WITA". Throws a RangeError for an unknown zone or date.
 */
export function formatIssuedAt(instant: Date, timeZone: string, lang: PrintLang = 'id'): string {
  const local = new Intl.DateTimeFormat(TEXTS[lang].locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(instant);
  return `${local} ${timeZoneAbbreviation(timeZone)}`;
}

/** "3", or "2–3" when the place is a range. */
function aheadText(most: number, least: number | null | undefined): string {
  return least === null || least === undefined || least >= most ? String(most) : `${least}–${most}`;
}

export function buildPrintLines(model: TicketPrintModel): TicketPrintLines {
  const lang = model.lang ?? 'id';
  const texts = TEXTS[lang];
  const { ticket } = model;
  return {
    lang,
    title: texts.title(ticket.number),
    siteName: ticket.siteName,
    siteAddress: model.siteAddress?.trim() || null,
    agencyName: model.agencyName,
    serviceName: lang === 'en' && ticket.service.nameEn ? ticket.service.nameEn : ticket.service.name,
    numberCaption: texts.numberCaption,
    number: ticket.number,
    priorityMark: ticket.priority === 'regular' ? null : `${texts.priority}: ${texts.priorityLabels[ticket.priority]}`,
    issuedAt: formatIssuedAt(new Date(ticket.issuedAt), ticket.timeZone, lang),
    peopleAhead: model.peopleAhead === null ? null : texts.peopleAhead(aheadText(model.peopleAhead, model.peopleAheadMin)),
    estimatedWait: ticket.estimatedWaitMinutes === null ? null : texts.estimatedWait(ticket.estimatedWaitMinutes),
    qrAlt: texts.qrAlt,
    footer: texts.footer,
  };
}
