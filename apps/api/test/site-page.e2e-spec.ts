import { SITE_FACILITIES, type ApiError, type SitePageResponse, type SiteResponse } from '@mpp/contracts';
import { FixedClock } from '../src/common/clock';
import { personalDataKeys } from './support/json-keys';
import { createStaff, type StaffTokens } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * GET /api/v1/sites/{code}/page, the citizen's page of an MPP, at chosen moments of the site's
 * own day (Kupang is WITA, UTC+8; Probolinggo WIB, UTC+7), and the facilities a site admin edits.
 */
describe('Site page', () => {
  let t: TestApp;
  let s: StaffTokens;
  // Thursday 10 December 2026, 09:00 WITA.
  const clock = new FixedClock(new Date('2026-12-10T01:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    s = await createStaff(t);
  });
  afterAll(async () => t?.close());

  const page = async (code = 'kota-kupang') => (await t.http().get(`/api/v1/sites/${code}/page`).expect(200)).body as SitePageResponse;
  const patchSite = (token: string, body: unknown, code = 'kota-kupang') =>
    t.http().patch(`/api/v1/admin/sites/${code}`).auth(token, { type: 'bearer' }).send(body as object);

  describe('open now', () => {
    it("should be open on a Thursday morning in the site's time zone, until the lunch break", async () => {
      clock.set('2026-12-10T01:00:00Z'); // 09:00 WITA (01:00 UTC, still the night before in the Americas)

      const sut = await page();

      expect(sut.now).toEqual({ state: 'open', localTime: '09:00', until: '12:00', nextOpen: null });
      expect(sut.today).toEqual({
        date: '2026-12-10',
        weekday: 4,
        hours: { weekday: 4, open: '08:00', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
        closure: null,
      });
      expect(sut.timeZone).toBe('Asia/Makassar');
    });

    it('should be on break during the break, and open again when it ends', async () => {
      clock.set('2026-12-10T04:30:00Z'); // 12:30 WITA
      expect((await page()).now).toEqual({ state: 'on_break', localTime: '12:30', until: '13:00', nextOpen: { date: '2026-12-10', time: '13:00' } });

      clock.set('2026-12-10T05:00:00Z'); // 13:00 WITA
      expect((await page()).now).toMatchObject({ state: 'open', until: '15:30' });
    });

    it("should read the site's own clock: 07:30 in Probolinggo (WIB) is 08:30 in Kupang (WITA)", async () => {
      clock.set('2026-12-10T00:30:00Z');
      expect((await page('kota-kupang')).now).toMatchObject({ state: 'open', localTime: '08:30' });
      expect((await page('kota-probolinggo')).now).toMatchObject({ state: 'open', localTime: '07:30' });
      clock.set('2026-12-09T23:45:00Z'); // 07:45 WITA on the 10th, 06:45 WIB
      expect((await page('kota-kupang')).now).toEqual({ state: 'closed', localTime: '07:45', until: '08:00', nextOpen: { date: '2026-12-10', time: '08:00' } });
    });

    it('should be closed after closing time and name the next day it opens', async () => {
      clock.set('2026-12-12T04:00:00Z'); // Saturday 12:00 WITA: Saturdays close at 12:00; Sunday is off
      const sut = await page();
      expect(sut.now).toEqual({ state: 'closed', localTime: '12:00', until: null, nextOpen: { date: '2026-12-14', time: '08:00' } });

      clock.set('2026-12-13T02:00:00Z'); // Sunday
      expect((await page()).today).toMatchObject({ hours: null, closure: { kind: 'weekly_closed', name: null } });
    });

    it('should be closed all day on a national holiday, with its name, in the middle of opening hours', async () => {
      clock.set('2026-12-25T02:00:00Z'); // Friday 25 December, 10:00 WITA: Christmas

      const sut = await page();

      expect(sut.now).toEqual({ state: 'closed', localTime: '10:00', until: null, nextOpen: { date: '2026-12-26', time: '08:00' } });
      expect(sut.today).toMatchObject({ hours: null, closure: { kind: 'national_holiday', name: 'Kelahiran Yesus Kristus' } });
    });

    it('should honour cuti bersama only at a site that closes on it', async () => {
      clock.set('2026-12-24T03:00:00Z'); // Thursday 24 December: cuti bersama Natal; 11:00 WITA, 10:00 WIB

      const kupang = await page('kota-kupang');
      const probolinggo = await page('kota-probolinggo');

      expect(kupang.today.closure).toEqual({ kind: 'cuti_bersama', name: 'Cuti bersama Natal' });
      // Closed on the 24th and the 25th: Saturday the 26th opens.
      expect(kupang.now).toMatchObject({ state: 'closed', nextOpen: { date: '2026-12-26', time: '08:00' } });
      expect(probolinggo.today.closure).toBeNull();
      expect(probolinggo.now).toMatchObject({ state: 'open', localTime: '10:00' });
      expect(probolinggo.upcomingClosures.map((c) => c.kind)).not.toContain('cuti_bersama');
    });

    it("should be closed on a local closure the site admin adds, which the page lists ahead with its reason", async () => {
      clock.set('2026-12-14T01:00:00Z'); // Monday 09:00 WITA
      const added = await t
        .http()
        .post('/api/v1/admin/sites/kota-kupang/closures')
        .auth(s.kupangSiteAdmin, { type: 'bearer' })
        .send({ date: '2026-12-15', name: 'Rapat koordinasi seluruh petugas' })
        .expect(201);
      try {
        expect((await page()).upcomingClosures).toContainEqual({ id: added.body.id, date: '2026-12-15', name: 'Rapat koordinasi seluruh petugas', kind: 'local_closure' });
        expect((await page()).now.state).toBe('open');

        clock.set('2026-12-15T02:00:00Z'); // Tuesday 10:00 WITA
        const sut = await page();
        expect(sut.today.closure).toEqual({ kind: 'local_closure', name: 'Rapat koordinasi seluruh petugas' });
        expect(sut.now).toMatchObject({ state: 'closed', nextOpen: { date: '2026-12-16', time: '08:00' } });
      } finally {
        await t.http().delete(`/api/v1/admin/sites/kota-kupang/closures/${added.body.id}`).auth(s.kupangSiteAdmin, { type: 'bearer' }).expect(204);
      }
    });
  });

  describe('upcoming closures', () => {
    it('should list the closures of the next 30 days, holidays included, in date order, and none later', async () => {
      clock.set('2026-11-25T02:00:00Z'); // 25 November: the 30 days run to 25 December

      const sut = (await page()).upcomingClosures;

      expect(sut.map((c) => [c.date, c.kind])).toEqual([
        ['2026-12-24', 'cuti_bersama'],
        ['2026-12-25', 'national_holiday'],
      ]);
      clock.set('2026-12-03T02:00:00Z');
      expect((await page()).upcomingClosures.map((c) => c.date)).toEqual(['2026-12-24', '2026-12-25', '2026-12-30']);
      expect((await page()).upcomingClosures.find((c) => c.date === '2026-12-30')).toMatchObject({
        kind: 'local_closure',
        name: 'Pemeliharaan sistem dan sarana MPP Kota Kupang',
      });
    });
  });

  describe('agencies and what is public', () => {
    it("should list the site's active agencies with their service counts, and nothing personal", async () => {
      const sut = await page();

      const dukcapil = sut.agencies.find((a) => a.code === 'dukcapil');
      expect(dukcapil).toMatchObject({ shortName: 'Dukcapil', serviceCount: s.dukcapil.serviceCount });
      expect(sut.agencies.map((a) => a.code).sort()).toEqual(
        ((await t.http().get('/api/v1/sites/kota-kupang/agencies').expect(200)).body as { code: string }[]).map((a) => a.code).sort(),
      );
      // The site's own phone and email are the office's; no person's data anywhere else.
      expect(personalDataKeys(sut).sort()).toEqual(['email', 'phone']);
      expect(Object.keys(sut)).not.toEqual(expect.arrayContaining(['id', 'queueMode', 'bookingWeeklyLimit']));
    });

    it('should let a cache keep the page only if it checks it again first ("open now" changes)', async () => {
      const res = await t.http().get('/api/v1/sites/kota-kupang/page').expect(200);
      expect(res.headers['cache-control']).toBe('no-cache');
    });

    it('should answer 404 in both languages for an unknown site', async () => {
      const res = await t.http().get('/api/v1/sites/kota-atlantis/page').expect(404);
      expect((res.body as ApiError).message).toMatchObject({ id: expect.stringContaining('kota-atlantis'), en: expect.stringContaining('kota-atlantis') });
    });
  });

  describe('facilities', () => {
    it('should show the seeded facilities on the page and in the site', async () => {
      expect((await page('kota-kupang')).facilities).toEqual(['ruang_curhat_bestie']);
      expect(((await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as SiteResponse).facilities).toEqual(['ruang_curhat_bestie']);
    });

    it("should let the site's admin replace them, and the page show the new list", async () => {
      const res = await patchSite(s.kupangSiteAdmin, { facilities: ['laktasi', 'jalur_disabilitas', 'ruang_curhat_bestie'] }).expect(200);

      expect((res.body as SiteResponse).facilities).toEqual(['laktasi', 'jalur_disabilitas', 'ruang_curhat_bestie']);
      expect((await page()).facilities).toEqual(['laktasi', 'jalur_disabilitas', 'ruang_curhat_bestie']);
      // Other fields left out stay as they were.
      expect((await page()).openingHours).toHaveLength(6);
    });

    it('should take every known facility (the database check knows each key the contracts list)', async () => {
      await patchSite(s.system, { facilities: [...SITE_FACILITIES] }).expect(200);
      expect((await page()).facilities).toEqual([...SITE_FACILITIES]);
      await patchSite(s.system, { facilities: [] }).expect(200);
      expect((await page()).facilities).toEqual([]);
    });

    it('should refuse an unknown facility with 400 in both languages, naming it and the known ones', async () => {
      const res = await patchSite(s.kupangSiteAdmin, { facilities: ['laktasi', 'kolam_renang'] }).expect(400);

      const body = res.body as ApiError;
      expect(body.fields?.[0]).toMatchObject({ field: 'facilities' });
      expect(body.message.id).toContain('Fasilitas "kolam_renang" tidak dikenal');
      expect(body.message.en).toContain('Unknown facility "kolam_renang"');
      expect(body.message.en).toContain('juru_bahasa_isyarat');
    });

    it('should refuse a facility listed twice, null, or a non-list with 400 in both languages', async () => {
      const twice = await patchSite(s.kupangSiteAdmin, { facilities: ['laktasi', 'laktasi'] }).expect(400);
      expect((twice.body as ApiError).message).toMatchObject({ id: expect.stringContaining('sekali'), en: expect.stringContaining('only once') });
      for (const facilities of [null, 'laktasi']) {
        const res = await patchSite(s.kupangSiteAdmin, { facilities }).expect(400);
        expect((res.body as ApiError).message).toMatchObject({ id: expect.any(String), en: expect.any(String) });
      }
    });

    it("should answer 403 to anyone but the site's admins and the system admin", async () => {
      for (const token of [s.dukcapilAdmin, s.dukcapilOfficer, s.probolinggoSiteAdmin]) {
        await patchSite(token, { facilities: ['laktasi'] }).expect(403);
      }
      await t.http().patch('/api/v1/admin/sites/kota-kupang').send({ facilities: ['laktasi'] }).expect(401);
      expect((await page()).facilities).not.toEqual(['laktasi']);
    });
  });
});
