import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RedFlagResponse, RedFlagSettings } from '@mpp/contracts';
import { dayStatus, localDate, localTime, timeZoneAbbreviation, zonedToUtc } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobRunner } from '../jobs/job-runner';
import type { OutgoingMessage } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { RedFlagsRepository, type DayWaitRow } from './red-flags.repository';
import { RedFlagsService } from './red-flags.service';

/** How often the summary job looks for sites whose summary hour has come (when background jobs are on). */
export const SUMMARY_SWEEP_SECONDS = 300;

/** What one pass of the summary job did. */
export interface SummarySweepResult {
  /** Sites whose summary this pass wrote (their row in red_flag_summary). */
  sites: string[];
  /** Outbox messages written. */
  messages: number;
}

/**
 * The daily red-flag summary (docs/red-flags.md): once the site's local summary hour has come, one
 * email to each of its active site admins through the outbox, with the flags that hold then and
 * the day's long waits. Once per site and local day, whatever the number of API processes: the
 * job runner runs a pass once per due time, and the summary's row (red_flag_summary, key site and
 * day) is written in the transaction that writes the emails, so a second pass, in any process,
 * finds the day taken and writes nothing. A day the site is closed with nothing to report sends nothing.
 */
@Injectable()
export class RedFlagSummary implements OnModuleInit {
  static readonly JOB = 'red flag summary';
  private readonly logger = new Logger('RedFlagSummary');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: RedFlagsRepository,
    private readonly flags: RedFlagsService,
    private readonly catalogue: CatalogueRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    // Off where background work is off (QUEUE_SWEEP_SECONDS=0, as in the tests, which call sendDue).
    this.jobs.register({ name: RedFlagSummary.JOB, everySeconds: this.config.queueSweepSeconds > 0 ? SUMMARY_SWEEP_SECONDS : 0, run: () => this.sendDue() });
  }

  /** One pass: every site whose summary hour has come today and whose summary is not written yet. */
  async sendDue(): Promise<SummarySweepResult> {
    const now = this.clock.now();
    const result: SummarySweepResult = { sites: [], messages: 0 };
    for (const row of await this.repo.sitesForSummary()) {
      const settings = await this.flags.settingsOf(row.id);
      if (settings.summaryHour === null) continue;
      const today = localDate(now, row.time_zone);
      if (Number(localTime(now, row.time_zone).slice(0, 2)) < settings.summaryHour) continue;
      if (await this.repo.summaryExists(row.id, today)) continue;
      const site = await this.catalogue.cachedSite(row.id);
      if (!site) continue;
      const written = await this.sendFor(site, settings, today, now);
      if (written === null) continue;
      result.sites.push(site.code);
      result.messages += written;
    }
    if (result.sites.length) this.logger.log({ msg: 'red flag summaries', sites: result.sites.length, messages: result.messages });
    return result;
  }

  /** The site's summary of `today`, or null when another pass wrote it or there is nothing to say on a closed day. */
  private async sendFor(site: SiteEntity, settings: RedFlagSettings, today: string, now: Date): Promise<number | null> {
    const { items } = await this.flags.evaluate(site, settings, now);
    const waits = settings.waitMinutes === null ? [] : await this.repo.dayLongWaitsByService(site.id, today, now, settings.waitMinutes);
    const open = dayStatus(today, site.openingHours, await this.catalogue.cachedClosuresOn(site, today)).open;
    if (!open && items.length === 0 && waits.length === 0) return null;
    const outbox = await this.db.transaction(async (tx) => {
      const recipients = await this.repo.siteAdminEmails(site.id, tx);
      if (!(await this.repo.claimSummary(tx, site.id, today, now, items.length, recipients.length))) return null;
      const ids: string[] = [];
      for (const to of recipients) {
        const id = await this.notifications.enqueue(summaryMessage(site, today, now, settings, items, waits, to), tx);
        if (id) ids.push(id);
      }
      return ids;
    });
    if (outbox === null) return null;
    // After the commit: a failed send is the relay's to retry, never this job's error.
    for (const id of outbox) this.notifications.deliverSoon(id);
    return outbox.length;
  }
}

/** The summary email: Indonesian, then English (staff have no language of their own). */
export function summaryMessage(site: SiteEntity, today: string, now: Date, s: RedFlagSettings, items: RedFlagResponse[], waits: DayWaitRow[], to: string): OutgoingMessage {
  const zone = timeZoneAbbreviation(site.timeZone);
  const at = (iso: string, lang: 'id' | 'en') =>
    `${new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: site.timeZone }).format(new Date(iso))} ${zone}`;
  const day = (lang: 'id' | 'en') =>
    new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'full', timeZone: site.timeZone }).format(zonedToUtc(today, '12:00', site.timeZone));
  const section = (lang: 'id' | 'en'): string => {
    const id = lang === 'id';
    const lines = [
      id ? `Ringkasan bendera merah ${site.name}, ${day('id')} (per ${at(now.toISOString(), 'id')})` : `Red flag summary for ${site.name}, ${day('en')} (as of ${at(now.toISOString(), 'en')})`,
      '',
      id ? `Bendera yang menyala sekarang: ${items.length}` : `Flags holding now: ${items.length}`,
    ];
    items.forEach((f, i) => {
      const severity = f.severity === 'critical' ? (id ? 'KRITIS' : 'CRITICAL') : id ? 'PERHATIAN' : 'WARNING';
      lines.push(`${i + 1}. [${severity}] ${f.title[lang]}`, `   ${id ? 'Sejak' : 'Since'}: ${at(f.since, lang)}`, `   ${id ? 'Tindakan' : 'Action'}: ${f.action[lang]}`);
    });
    if (s.waitMinutes !== null) {
      lines.push('', id ? `Antrean hari ini yang menunggu lebih dari ${s.waitMinutes} menit:` : `Tickets today that waited over ${s.waitMinutes} minutes:`);
      if (waits.length === 0) lines.push(id ? '- Tidak ada.' : '- None.');
      for (const w of waits) {
        lines.push(
          id
            ? `- ${w.service_name}: ${w.over} tiket (terlama ${w.longest_minutes} menit)`
            : `- ${w.service_name_en}: ${w.over} ${w.over === 1 ? 'ticket' : 'tickets'} (longest ${w.longest_minutes} minutes)`,
        );
      }
    }
    lines.push(
      '',
      id
        ? 'Lihat bendera terkini dan ubah ambangnya di aplikasi loket (admin MPP).'
        : 'See the current flags and change their thresholds in the counter app (site admin).',
    );
    return lines.join('\n');
  };
  return {
    channel: 'email',
    to,
    subject: `Ringkasan bendera merah ${site.name} ${today}: ${items.length} bendera / Red flag summary: ${items.length} ${items.length === 1 ? 'flag' : 'flags'}`,
    body: `${section('id')}\n\n—\n\n${section('en')}`,
    language: 'id',
    siteId: site.id,
  };
}
