import Handlebars from 'handlebars';
import type { NotificationChannelKind, NotificationLanguage } from './notification';

/**
 * What the notifications module writes itself, per channel and language (handlebars, plain text:
 * no HTML escaping). The citizen's language picks the set; Indonesian when none is known.
 * Email has a subject and a text; SMS a text short enough for one or two SMS; WhatsApp the
 * parameters of a template approved by Meta (its name configured, config/notifications-config.ts), and
 * the same text as the SMS for the outbox's record.
 */
export const TEMPLATE_NAMES = ['ticket-called', 'text', 'application-flag'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface TicketCalledModel {
  siteName: string;
  serviceName: string;
  ticketNumber: string;
  /** "Loket 3" / "Counter 3", or the counter's name. */
  counter: string;
  /** The opt-out link, or null when PUBLIC_URL is unknown. */
  optOutUrl: string | null;
}

/** Ready text another module wrote (booking messages) carried on WhatsApp as one parameter. */
export interface TextModel {
  text: string;
}

/**
 * An application's SLA flag, to the agency's staff and (escalated) the site's admins: nothing
 * personal, only the code, the service, the agency and the deadline (docs/applications.md).
 */
export interface ApplicationFlagModel {
  /** The flag in the message's language: "melewati batas waktu layanan" / "past the service deadline". */
  label: string;
  /** The application's code as printed (ABCD-EFGH). */
  code: string;
  serviceName: string;
  agencyName: string;
  siteName: string;
  /** The deadline in the site's zone and the message's language. */
  deadline: string;
}

interface ModelOf {
  'ticket-called': TicketCalledModel;
  text: TextModel;
  'application-flag': ApplicationFlagModel;
}

interface ChannelTemplates {
  email: { subject: string; text: string };
  sms: string;
  /** The template's body parameters, {{1}}, {{2}}, … in order. */
  whatsapp: string[];
}

const SOURCES: Record<TemplateName, Record<NotificationLanguage, ChannelTemplates>> = {
  'ticket-called': {
    id: {
      email: {
        subject: 'Nomor antrean {{ticketNumber}} dipanggil: silakan ke {{counter}}',
        text:
          'Nomor antrean Anda {{ticketNumber}} ({{serviceName}}) dipanggil sekarang di {{siteName}}.\n' +
          'Silakan menuju {{counter}}.\n' +
          '{{#if optOutUrl}}\nTidak ingin menerima pesan lagi? {{optOutUrl}}\n{{/if}}',
      },
      sms: '{{siteName}}: nomor {{ticketNumber}} dipanggil, silakan ke {{counter}}.{{#if optOutUrl}} Berhenti: {{optOutUrl}}{{/if}}',
      whatsapp: ['{{ticketNumber}}', '{{counter}}', '{{siteName}}'],
    },
    en: {
      email: {
        subject: 'Queue number {{ticketNumber}} is called: please go to {{counter}}',
        text:
          'Your queue number {{ticketNumber}} ({{serviceName}}) is being called now at {{siteName}}.\n' +
          'Please go to {{counter}}.\n' +
          '{{#if optOutUrl}}\nNo more messages? {{optOutUrl}}\n{{/if}}',
      },
      sms: '{{siteName}}: number {{ticketNumber}} is called, please go to {{counter}}.{{#if optOutUrl}} Stop: {{optOutUrl}}{{/if}}',
      whatsapp: ['{{ticketNumber}}', '{{counter}}', '{{siteName}}'],
    },
  },
  'application-flag': {
    id: {
      email: {
        subject: 'Permohonan {{code}}: {{label}}',
        text:
          'Permohonan {{code}} ({{serviceName}}, {{agencyName}}, {{siteName}}): {{label}}.\n' +
          'Batas waktu: {{deadline}}.\n' +
          'Buka kotak masuk permohonan di aplikasi loket untuk menindaklanjutinya.',
      },
      sms: 'Permohonan {{code}} ({{serviceName}}): {{label}}; batas {{deadline}}.',
      whatsapp: ['{{code}}', '{{label}}', '{{deadline}}'],
    },
    en: {
      email: {
        subject: 'Application {{code}}: {{label}}',
        text:
          'Application {{code}} ({{serviceName}}, {{agencyName}}, {{siteName}}): {{label}}.\n' +
          'Deadline: {{deadline}}.\n' +
          'Open the applications inbox in the counter app to act on it.',
      },
      sms: 'Application {{code}} ({{serviceName}}): {{label}}; deadline {{deadline}}.',
      whatsapp: ['{{code}}', '{{label}}', '{{deadline}}'],
    },
  },
  text: {
    id: { email: { subject: 'MPP Digital', text: '{{text}}' }, sms: '{{text}}', whatsapp: ['{{oneLine text}}'] },
    en: { email: { subject: 'MPP Digital', text: '{{text}}' }, sms: '{{text}}', whatsapp: ['{{oneLine text}}'] },
  },
};

const handlebars = Handlebars.create();
// WhatsApp refuses a parameter with new lines, tabs or more than four spaces in a row.
handlebars.registerHelper('oneLine', (value: unknown) => String(value ?? '').replace(/\s*\n\s*/g, ' / ').replace(/[\t ]{2,}/g, ' ').trim());

type Compiled = (model: object) => string;
const compile = (source: string): Compiled => handlebars.compile(source, { noEscape: true, strict: true });

const COMPILED = Object.fromEntries(
  TEMPLATE_NAMES.map((name) => [
    name,
    Object.fromEntries(
      (Object.keys(SOURCES[name]) as NotificationLanguage[]).map((language) => {
        const source = SOURCES[name][language];
        return [language, { subject: compile(source.email.subject), email: compile(source.email.text), sms: compile(source.sms), whatsapp: source.whatsapp.map(compile) }];
      }),
    ),
  ]),
) as Record<TemplateName, Record<NotificationLanguage, { subject: Compiled; email: Compiled; sms: Compiled; whatsapp: Compiled[] }>>;

export interface RenderedMessage {
  subject: string | null;
  body: string;
  /** WhatsApp only: the template's parameters. */
  parameters?: string[];
}

/** The message `name` for one channel in one language, from its model. */
export function renderTemplate<N extends TemplateName>(name: N, channel: NotificationChannelKind, language: NotificationLanguage, model: ModelOf[N]): RenderedMessage {
  const templates = COMPILED[name][language];
  switch (channel) {
    case 'email':
      return { subject: templates.subject(model), body: templates.email(model) };
    case 'sms':
      return { subject: null, body: templates.sms(model) };
    case 'whatsapp':
      return { subject: null, body: templates.sms(model), parameters: templates.whatsapp.map((parameter) => parameter(model)) };
  }
}
