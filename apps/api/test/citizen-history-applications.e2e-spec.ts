import type { ApplicationCreatedResponse, ApplicationResponse, CitizenHistoryApplication, CitizenHistoryResponse } from '@mpp/contracts';
import { APPLICATION_STATE_LABELS } from '@mpp/domain';
import { DataSource } from 'typeorm';
import { CitizenHistoryService } from '../src/citizen/citizen-history.service';
import { FixedClock } from '../src/common/clock';
import { signInByCode } from './support/citizen';
import { mobileNumbers } from './support/mobile-numbers';
import { createTestApp, TestApp } from './support/test-app';

/** Friday 14 August 2026, 09:00 WITA in Kupang. */
const FRIDAY_0900_WITA = '2026-08-14T01:00:00Z';
const NIK = '5371014101900456';
const NAME = 'Maria Goreti Lake';

describe(`${CitizenHistoryService.name}: applications in Riwayat saya`, () => {
  let t: TestApp;
  let serviceId: string;
  const clock = new FixedClock(new Date(FRIDAY_0900_WITA));
  const nextMobile = mobileNumbers('45', 1000);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as {
      items: { id: string; code: string }[];
    };
    serviceId = services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
  }, 180_000);
  afterAll(async () => t?.close());

  const apply = (cookie: string | null, phone: string) => {
    const req = t.http().post('/api/v1/applications');
    if (cookie) req.set('Cookie', cookie);
    return req.send({ serviceId, nik: NIK, fullName: NAME, phone, email: 'maria@example.go.id' });
  };
  const history = async (cookie: string) => ((await t.http().get('/api/v1/citizen/history').set('Cookie', cookie).expect(200)).body as CitizenHistoryResponse).items;

  it("should list the account's applications (code, service, state with its label, site and zone), newest first, and nobody else's", async () => {
    const mine = nextMobile();
    const cookie = await signInByCode(t, mine.typed, mine.e164, '10.45.0.1');
    const first = (await apply(cookie, mine.typed).expect(201)).body as ApplicationCreatedResponse;
    clock.advance(60_000);
    const second = (await apply(cookie, mine.typed).expect(201)).body as ApplicationCreatedResponse;
    // The second as if an officer had returned it: its due date and the citizen's deadline are listed.
    const dueAt = new Date('2026-08-21T08:00:00Z');
    const deadline = new Date('2026-08-19T08:00:00Z');
    await t.app
      .get(DataSource)
      .query(`UPDATE application SET state = 'returned', due_at = $2, citizen_deadline = $3 WHERE code = $1`, [second.application.code, dueAt, deadline]);
    const secondNow = (await t.http().get(`/api/v1/applications/${second.application.code}`).set('Cookie', cookie).expect(200)).body as ApplicationResponse;
    // Another citizen's application (signed in elsewhere) and one made without an account.
    const other = nextMobile();
    const otherCookie = await signInByCode(t, other.typed, other.e164, '10.45.0.2');
    const theirs = (await apply(otherCookie, other.typed).expect(201)).body as ApplicationCreatedResponse;
    const anonymous = (await apply(null, nextMobile().typed).expect(201)).body as ApplicationCreatedResponse;

    const items = (await history(cookie)).filter((i): i is CitizenHistoryApplication => i.kind === 'application');
    expect(items.map((i) => i.code)).toEqual([second.application.code, first.application.code]);
    const expected = (a: ApplicationResponse): CitizenHistoryApplication => ({
      kind: 'application',
      code: a.code,
      state: a.state,
      stateLabel: APPLICATION_STATE_LABELS[a.state],
      siteCode: a.siteCode,
      siteName: a.siteName,
      timeZone: 'Asia/Makassar',
      service: { id: a.service.id, name: a.service.name, nameEn: a.service.nameEn },
      dueAt: a.clock.dueAt,
      citizenDeadline: a.citizenDeadline,
      createdAt: a.createdAt,
    });
    expect(items).toEqual([expected(secondNow), expected(first.application)]);
    expect(items[0]).toMatchObject({ state: 'returned', stateLabel: { id: 'dikembalikan untuk perbaikan' }, dueAt: dueAt.toISOString(), citizenDeadline: deadline.toISOString() });
    const theirItems = (await history(otherCookie)).filter((i) => i.kind === 'application').map((i) => (i as CitizenHistoryApplication).code);
    expect(theirItems).toEqual([theirs.application.code]);
    for (const list of [items, theirItems]) expect(JSON.stringify(list)).not.toContain(anonymous.application.code);

    // Nothing about the applicant in the list.
    const text = JSON.stringify(await history(cookie));
    for (const personal of [NIK, NAME, mine.e164, mine.e164.slice(3), 'maria@example.go.id']) expect(text).not.toContain(personal);
  }, 120_000);

  it('should answer 401 without a session, as for bookings and tickets', async () => {
    await t.http().get('/api/v1/citizen/history').expect(401);
  });
});
