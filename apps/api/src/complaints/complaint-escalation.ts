import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ComplaintClockName, LocalizedText } from '@mpp/contracts';
import { timeZoneAbbreviation } from '@mpp/domain';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobRunner } from '../jobs/job-runner';
import type { OutgoingMessage } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { ComplaintEscalationRepository } from './complaint-escalation.repository';
import { ComplaintRepository, type ComplaintRow } from './complaint.repository';

/** At most this many complaints per run; the rest wait for the next run (a backlog after an outage drains over a few). */
export const ESCALATION_BATCH = 200;

/** What one run did. */
export interface EscalationRunResult {
  /** The complaints escalated by this run (each in its own transaction). */
  complaints: string[];
  /** Outbox messages written. */
  messages: number;
}

const CLOCK_NAMES: Record<ComplaintClockName, LocalizedText> = {
  first_response: { id: 'tanggapan pertama', en: 'first response' },
  resolution: { id: 'penyelesaian', en: 'resolution' },
};

/**
 * Escalation when a complaint's clock runs out (docs/complaints.md, Escalation): the job
 * `complaints.escalation` finds open complaints whose first response or resolution due time has
 * passed and that were not escalated for that clock yet and, in one transaction per complaint,
 * writes the trail's `escalated` event (system, internal, { clock, dueAt }), an email to each of
 * the agency's admins (its head; the site's admins for the MPP's own facilities) and of the site's
 * admins, and the clock's mark, so it is sent once. A reopen clears the resolution's mark.
 *
 * Once only, whatever the number of API processes: the job runner runs a pass once per due time,
 * and each complaint is taken with FOR UPDATE SKIP LOCKED and checked again under its lock, so a
 * second pass at the same moment skips the row or finds it marked. The messages carry no personal
 * data: the tracking code, the agency, the clock, the due time and a link to the staff app.
 * Staff accounts have no phone number: email only.
 */
@Injectable()
export class ComplaintEscalation implements OnModuleInit {
  static readonly JOB = 'complaints.escalation';
  private readonly logger = new Logger('ComplaintEscalation');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ComplaintEscalationRepository,
    private readonly complaints: ComplaintRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    // Off where background work is off (QUEUE_SWEEP_SECONDS=0, as in the tests, which call run()).
    this.jobs.register({
      name: ComplaintEscalation.JOB,
      everySeconds: this.config.queueSweepSeconds > 0 ? this.config.complaintEscalationSeconds : 0,
      run: async () => {
        await this.run();
      },
    });
  }

  /** One pass over every site. */
  async run(): Promise<EscalationRunResult> {
    const now = this.clock.now();
    const result: EscalationRunResult = { complaints: [], messages: 0 };
    for (const id of await this.repo.listDue(now, ESCALATION_BATCH)) {
      const outbox = await this.escalate(id, now);
      if (outbox === null) continue;
      result.complaints.push(id);
      result.messages += outbox.length;
      // After the commit: a failed send is the relay's to retry, never this job's error.
      for (const outboxId of outbox) this.notifications.deliverSoon(outboxId);
    }
    if (result.complaints.length) this.logger.log({ msg: 'complaints escalated', complaints: result.complaints.length, messages: result.messages });
    return result;
  }

  /** One complaint under its lock: the outbox ids written, or null when there was nothing (left) to escalate. */
  private async escalate(id: string, now: Date): Promise<string[] | null> {
    return this.repo.transaction(async (tx) => {
      const row = await this.repo.lockIfFree(tx, id);
      if (!row) return null;
      const clocks = dueClocks(row, now);
      if (clocks.length === 0) return null;
      const site = await this.catalogue.cachedSite(row.site_id);
      if (!site) return null;
      const agencyName = row.agency_id ? await this.repo.agencyName(tx, row.agency_id) : null;
      for (const clock of clocks) {
        const dueAt = clock === 'first_response' ? row.first_response_due_at : row.resolution_due_at;
        await this.complaints.appendEvent(tx, {
          complaint_id: row.id,
          action: 'escalated',
          from_status: null,
          to_status: null,
          actor_kind: 'system',
          actor_id: null,
          at: now,
          ip: null,
          user_agent: null,
          internal: true,
          note_cipher: null,
          details: { clock, dueAt: dueAt.toISOString() },
        });
      }
      await this.repo.markEscalated(tx, row.id, clocks, now);
      const ids: string[] = [];
      for (const to of await this.repo.recipients(tx, row.site_id, row.agency_id)) {
        const outboxId = await this.notifications.enqueue(escalationMessage(site, row, agencyName, clocks, this.config.publicUrl, to), tx);
        if (outboxId) ids.push(outboxId);
      }
      return ids;
    });
  }
}

/** The clocks of the (locked) row that ran out and are not escalated yet. */
export function dueClocks(row: ComplaintRow, now: Date): ComplaintClockName[] {
  if (row.status === 'answered' || row.status === 'closed') return [];
  const clocks: ComplaintClockName[] = [];
  if (!row.first_responded_at && !row.first_response_escalated_at && row.first_response_due_at <= now) clocks.push('first_response');
  if (row.status !== 'waiting_for_citizen' && !row.resolution_escalated_at && row.resolution_due_at <= now) clocks.push('resolution');
  return clocks;
}

/**
 * The email to a head or admin: Indonesian, then English (staff have no language of their own).
 * Only the tracking code, the agency (or the MPP), the clock, its due time and the staff app's link:
 * never the reporter, the text or a note.
 */
export function escalationMessage(site: SiteEntity, row: Pick<ComplaintRow, 'id' | 'code' | 'site_id' | 'first_response_due_at' | 'resolution_due_at'>, agencyName: string | null, clocks: readonly ComplaintClockName[], publicUrl: string | null, to: string): OutgoingMessage {
  const zone = timeZoneAbbreviation(site.timeZone);
  const at = (clock: ComplaintClockName, lang: 'id' | 'en') => {
    const due = clock === 'first_response' ? row.first_response_due_at : row.resolution_due_at;
    return `${new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: site.timeZone }).format(due)} ${zone}`;
  };
  const link = `${(publicUrl ?? '').replace(/\/+$/, '')}/counter/pengaduan/${row.id}`;
  const owner = agencyName ?? site.name;
  const names = (lang: 'id' | 'en') => clocks.map((c) => CLOCK_NAMES[c][lang]).join(lang === 'id' ? ' dan ' : ' and ');
  const lines = [
    `Pengaduan ${row.code} (${owner}, ${site.name}) melewati batas waktu ${names('id')}.`,
    ...clocks.map((c) => `- Batas ${CLOCK_NAMES[c].id}: ${at(c, 'id')}`),
    `Tindak lanjuti sekarang: ${link}`,
    '',
    `Complaint ${row.code} (${owner}, ${site.name}) is past its ${names('en')} time.`,
    ...clocks.map((c) => `- ${CLOCK_NAMES[c].en[0].toUpperCase()}${CLOCK_NAMES[c].en.slice(1)} due: ${at(c, 'en')}`),
    `Act on it now: ${link}`,
  ];
  return {
    channel: 'email',
    to,
    subject: `Eskalasi pengaduan ${row.code}: batas ${names('id')} terlewati / Complaint ${row.code} escalated`,
    body: lines.join('\n'),
    template: 'complaint-escalated',
    language: 'id',
    siteId: row.site_id,
  };
}
