import type { BookingPolicy, QueuePolicy } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { CheckInController } from '../src/booking/check-in.controller';
import { CountersAdminController } from '../src/queue/counters-admin.controller';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

interface SitePolicyRow {
  queue_mode: QueuePolicy['mode'];
  queue_interleave_every: number;
  queue_allow_pick: boolean;
  queue_max_recalls: number;
  checkin_early_minutes: number;
  checkin_late_minutes: number;
  checkin_late_policy: BookingPolicy['latePolicy'];
  booking_weekly_limit: number;
}

/**
 * The admin screens read a site's queue and booking policies before changing them: each GET
 * answers exactly the shape its PUT accepts (so GET → PUT round-trips), to the same people.
 */
describe('admin site policies (GET beside PUT)', () => {
  let t: TestApp;
  let s: StaffTokens;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    s = await createStaff(t);
    db = t.app.get(DataSource);
  }, 180_000);
  afterAll(async () => t?.close());

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    put: (url: string) => t.http().put(url).auth(token, { type: 'bearer' }),
  });

  const siteRow = async (code: string): Promise<SitePolicyRow> =>
    (
      (await db.query(
        `SELECT queue_mode, queue_interleave_every, queue_allow_pick, queue_max_recalls,
                checkin_early_minutes, checkin_late_minutes, checkin_late_policy, booking_weekly_limit
           FROM site WHERE code = $1`,
        [code],
      )) as SitePolicyRow[]
    )[0];

  /** A value in [min, max] other than `was`. */
  const other = (was: number, min: number, max: number): number => (was + 1 <= max ? was + 1 : min);

  describe(CountersAdminController.name, () => {
    const url = (code: string) => `/api/v1/admin/sites/${code}/queue-policy`;

    it('should answer the policy in force, equal to what was PUT, and take its own answer back unchanged', async () => {
      const row = await siteRow('kota-kupang');
      const first = (await as(s.kupangSiteAdmin).get(url('kota-kupang')).expect(200)).body as QueuePolicy;
      expect(first).toEqual({ mode: row.queue_mode, interleaveEvery: row.queue_interleave_every, allowPick: row.queue_allow_pick, maxRecalls: row.queue_max_recalls });

      const changed: QueuePolicy = {
        mode: first.mode === 'interleave' ? 'priority_first' : 'interleave',
        interleaveEvery: other(first.interleaveEvery, 1, 50),
        allowPick: !first.allowPick,
        maxRecalls: other(first.maxRecalls, 0, 10),
      };
      await as(s.kupangSiteAdmin).put(url('kota-kupang')).send(changed).expect(200);
      const read = (await as(s.system).get(url('kota-kupang')).expect(200)).body as QueuePolicy;
      expect(read).toEqual(changed);

      // GET → PUT: the answer is a valid body, and putting it back changes nothing.
      const put = (await as(s.kupangSiteAdmin).put(url('kota-kupang')).send(read).expect(200)).body as QueuePolicy;
      expect(put).toEqual(changed);
      expect((await as(s.kupangSiteAdmin).get(url('kota-kupang')).expect(200)).body).toEqual(changed);
    });

    it("should refuse another site's admin, an agency admin and an officer (403), and name an unknown site (404)", async () => {
      const forbidden = await as(s.probolinggoSiteAdmin).get(url('kota-kupang')).expect(403);
      expect(forbidden.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
      await as(s.dukcapilAdmin).get(url('kota-kupang')).expect(403);
      await as(s.dukcapilOfficer).get(url('kota-kupang')).expect(403);
      await t.http().get(url('kota-kupang')).expect(401);
      const missing = await as(s.system).get(url('kota-tidak-ada')).expect(404);
      expect(missing.body.code).toBe('SITE_NOT_FOUND');
      expect(missing.body.message.en).toContain('kota-tidak-ada');
      await as(s.system).get(url('bukan_kode!')).expect(400);
      await as(s.probolinggoSiteAdmin).get(url('kota-probolinggo')).expect(200);
    });
  });

  describe(CheckInController.name, () => {
    const url = (code: string) => `/api/v1/admin/sites/${code}/booking-policy`;

    it('should answer the policy in force, equal to what was PUT, and take its own answer back unchanged', async () => {
      const row = await siteRow('kota-probolinggo');
      const first = (await as(s.probolinggoSiteAdmin).get(url('kota-probolinggo')).expect(200)).body as BookingPolicy;
      expect(first).toEqual({
        checkInEarlyMinutes: row.checkin_early_minutes,
        checkInLateMinutes: row.checkin_late_minutes,
        latePolicy: row.checkin_late_policy,
        weeklyLimitPerNik: row.booking_weekly_limit,
      });

      const changed: BookingPolicy = {
        checkInEarlyMinutes: other(first.checkInEarlyMinutes, 0, 240),
        checkInLateMinutes: other(first.checkInLateMinutes, 0, 240),
        latePolicy: first.latePolicy === 'refuse' ? 'walk_in' : 'refuse',
        weeklyLimitPerNik: other(first.weeklyLimitPerNik, 1, 50),
      };
      await as(s.probolinggoSiteAdmin).put(url('kota-probolinggo')).send(changed).expect(200);
      const read = (await as(s.system).get(url('kota-probolinggo')).expect(200)).body as BookingPolicy;
      expect(read).toEqual(changed);

      const put = (await as(s.probolinggoSiteAdmin).put(url('kota-probolinggo')).send(read).expect(200)).body as BookingPolicy;
      expect(put).toEqual(changed);
      expect((await as(s.probolinggoSiteAdmin).get(url('kota-probolinggo')).expect(200)).body).toEqual(changed);
    });

    it("should refuse another site's admin, an agency admin and an officer (403), and name an unknown site (404)", async () => {
      const forbidden = await as(s.kupangSiteAdmin).get(url('kota-probolinggo')).expect(403);
      expect(forbidden.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
      await as(s.dukcapilAdmin).get(url('kota-kupang')).expect(403);
      await as(s.dukcapilOfficer).get(url('kota-kupang')).expect(403);
      await t.http().get(url('kota-kupang')).expect(401);
      const missing = await as(s.system).get(url('kota-tidak-ada')).expect(404);
      expect(missing.body.code).toBe('SITE_NOT_FOUND');
      expect(missing.body.message.en).toContain('kota-tidak-ada');
      await as(s.system).get(url('bukan_kode!')).expect(400);
      await as(s.kupangSiteAdmin).get(url('kota-kupang')).expect(200);
    });
  });
});
