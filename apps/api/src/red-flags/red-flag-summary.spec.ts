import type { RedFlagResponse } from '@mpp/contracts';
import { DEFAULT_RED_FLAG_SETTINGS, RED_FLAG_TEXTS, zonedToUtc } from '@mpp/domain';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import type { AppConfig } from '../config/app-config';
import type { JobDefinition } from '../jobs/job-schedule';
import type { JobRunner } from '../jobs/job-runner';
import { RedFlagSummary, SUMMARY_SWEEP_SECONDS, summaryMessage } from './red-flag-summary';

const site = { id: 'b8f1a3c2-0000-4000-8000-000000000001', code: 'kota-kupang', name: 'MPP Kota Kupang', timeZone: 'Asia/Makassar' } as SiteEntity;

describe(RedFlagSummary.name, () => {
  const registered = (queueSweepSeconds: number): JobDefinition[] => {
    const jobs: JobDefinition[] = [];
    const runner = { register: (job: JobDefinition) => void jobs.push(job) } as unknown as JobRunner;
    const sut = new RedFlagSummary(null as never, { queueSweepSeconds } as AppConfig, null as never, null as never, null as never, null as never, null as never, runner);
    sut.onModuleInit();
    return jobs;
  };

  it('should register its job every five minutes where background work is on, and leave it out where it is off', () => {
    expect(registered(60).map((j) => [j.name, j.everySeconds])).toEqual([[RedFlagSummary.JOB, SUMMARY_SWEEP_SECONDS]]);
    expect(registered(0).map((j) => j.everySeconds)).toEqual([0]);
  });

  describe(summaryMessage.name, () => {
    const now = zonedToUtc('2026-11-30', '17:00', site.timeZone);
    const flag: RedFlagResponse = {
      key: 'national_calendar:2027',
      kind: 'national_calendar',
      severity: 'critical',
      since: zonedToUtc('2026-10-19', '00:00', site.timeZone).toISOString(),
      ...RED_FLAG_TEXTS.nationalCalendar(2027, '2026-12-18'),
      value: 18,
      threshold: 60,
      agencyIds: [],
      links: { year: 2027 },
    };

    it('should write Indonesian first, then English, each flag with its severity, since and action, and the day’s long waits', () => {
      const waits = [{ service_id: 's', service_name: 'KTP-el Baru', service_name_en: 'New e-ID card', agency_id: 'a', over: 3, longest_minutes: 95 }];
      const sut = summaryMessage(site, '2026-11-30', now, DEFAULT_RED_FLAG_SETTINGS, [flag], waits, 'admin@mpp.test');
      const [id, en] = sut.body.split('\n\n—\n\n');
      expect(sut).toMatchObject({ channel: 'email', to: 'admin@mpp.test', language: 'id', siteId: site.id });
      expect(sut.subject).toBe('Ringkasan bendera merah MPP Kota Kupang 2026-11-30: 1 bendera / Red flag summary: 1 flag');
      expect(id).toContain(`1. [KRITIS] ${flag.title.id}`);
      expect(id).toContain(`Tindakan: ${flag.action.id}`);
      expect(id).toContain('19 Okt 2026');
      expect(id).toContain('- KTP-el Baru: 3 tiket (terlama 95 menit)');
      expect(en).toContain(`1. [CRITICAL] ${flag.title.en}`);
      expect(en).toContain('- New e-ID card: 3 tickets (longest 95 minutes)');
      expect(en).toContain('WITA');
    });

    it('should say so when nothing holds and nobody waited too long, and leave the waits out when that flag is off', () => {
      const sut = summaryMessage(site, '2026-11-30', now, DEFAULT_RED_FLAG_SETTINGS, [], [], 'admin@mpp.test');
      expect(sut.body).toContain('Bendera yang menyala sekarang: 0');
      expect(sut.body).toContain('- Tidak ada.');
      expect(sut.body).toContain('- None.');
      expect(summaryMessage(site, '2026-11-30', now, { ...DEFAULT_RED_FLAG_SETTINGS, waitMinutes: null }, [], [], 'x@mpp.test').body).not.toContain('menunggu lebih dari');
    });
  });
});
