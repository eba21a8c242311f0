import { Injectable } from '@nestjs/common';
import type { ApplicationStateName, CitizenLanguage } from '@mpp/contracts';
import { APPLICATION_STATE_LABELS, formatBookingCode, timeZoneAbbreviation } from '@mpp/domain';
import type { EntityManager } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import type { OutgoingMessage } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { surveyInvitation } from '../survey/survey-invitation';
import type { ApplicationRow } from './application.repository';

/** What the message is about, besides the application's new state. */
export interface ApplicationMessageContext {
  serviceName: { id: string; en: string };
  timeZone: string;
  /** Only when the application was just created without an account: the secret, sent once. */
  secret?: string | null;
  /** For a return: how many requirements to correct. */
  returnedCount?: number;
  /** For a finished application (done): the SKM survey's link (docs/survey.md). */
  surveyUrl?: string | null;
}

/** A deadline as the citizen reads it: "10 Desember 2026 16.00 WITA". */
function formatInstant(at: Date, timeZone: string, lang: CitizenLanguage): string {
  const parts = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
  return `${parts} ${timeZoneAbbreviation(timeZone)}`;
}

/**
 * The text of the message a transition sends (template `application-<state>`), in the
 * application's language. Names no one: the code, the service, the state and what to do.
 */
export function applicationMessageText(row: ApplicationRow, ctx: ApplicationMessageContext, lang: CitizenLanguage): { subject: string; body: string } {
  const code = formatBookingCode(row.code);
  const service = ctx.serviceName[lang];
  const state = APPLICATION_STATE_LABELS[row.state][lang];
  const id = lang === 'id';
  const lines = [id ? `MPP Digital: permohonan ${code} (${service}) berstatus "${state}".` : `MPP Digital: application ${code} (${service}) is now "${state}".`];
  if (row.state === 'draft' && ctx.secret) {
    lines.push(id ? `Kode rahasia Anda: ${ctx.secret} . Jangan bagikan kepada siapa pun.` : `Your secret: ${ctx.secret} . Do not share it with anyone.`);
  }
  if (row.state === 'returned' && row.citizen_deadline) {
    const when = formatInstant(row.citizen_deadline, ctx.timeZone, lang);
    lines.push(
      id
        ? `Perbaiki ${ctx.returnedCount ?? 0} persyaratan paling lambat ${when}; lihat alasannya di portal.`
        : `Correct ${ctx.returnedCount ?? 0} requirement(s) by ${when}; see the reasons on the portal.`,
    );
  }
  if (row.state === 'rejected') lines.push(id ? 'Alasan penolakan dapat dilihat di portal.' : 'The reason is shown on the portal.');
  if (row.state === 'ready') {
    lines.push(
      row.result_delivery === 'download'
        ? id ? 'Hasil dapat diunduh di portal.' : 'The result can be downloaded on the portal.'
        : id ? 'Hasil dapat diambil di MPP; bawa kode ini.' : 'Collect the result at the MPP; bring this code.',
    );
  }
  if (row.state === 'done' && ctx.surveyUrl) lines.push(surveyInvitation(lang, ctx.surveyUrl));
  return { subject: lines[0].replace(/^MPP Digital: /, ''), body: lines.join(' ') };
}

/**
 * Writes the citizen's message for a transition into the outbox in the transition's own
 * transaction (the message exists exactly when the change commits): the SMS always, the email
 * when the applicant gave one. `deliver` sends them after the commit and never throws.
 */
@Injectable()
export class ApplicationNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly cipher: PiiCipher,
  ) {}

  async enqueue(tx: EntityManager, row: ApplicationRow, ctx: ApplicationMessageContext): Promise<string[]> {
    const lang = row.language;
    const text = applicationMessageText(row, ctx, lang);
    const template = `application-${row.state satisfies ApplicationStateName}`;
    // The secret is the only way in for a citizen without an account: sent even to one who opted out.
    const essential = Boolean(ctx.secret);
    const messages: OutgoingMessage[] = [{ channel: 'sms', to: this.cipher.decrypt(row.phone_cipher), subject: null, body: text.body, template, language: lang, siteId: row.site_id, essential }];
    if (row.email_cipher) {
      messages.push({ channel: 'email', to: this.cipher.decrypt(row.email_cipher), subject: text.subject, body: text.body, template, language: lang, siteId: row.site_id, essential });
    }
    const ids: string[] = [];
    for (const message of messages) {
      const id = await this.notifications.enqueue(message, tx);
      if (id) ids.push(id);
    }
    return ids;
  }

  deliver(ids: readonly string[]): void {
    for (const id of ids) this.notifications.deliverSoon(id);
  }
}
