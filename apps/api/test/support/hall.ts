import type { CounterResponse, Page, ServiceSummaryResponse, TicketResponse } from '@mpp/contracts';
import { randomUUID } from 'node:crypto';
import { createStaff, STAFF_PASSWORD, StaffTokens } from './staff';
import type { TestApp } from './test-app';

/** Monday 23 November 2026, 09:00 WITA in Kupang (08:00 WIB in Probolinggo). */
export const KUPANG_MONDAY_0900 = '2026-11-23T01:00:00Z';

/** What the hall helpers use of an API: its HTTP and sign-in (a TestApp, or a process started by api-processes.ts). */
export type ApiClient = Pick<TestApp, 'http' | 'adminToken' | 'loginAs'>;

export interface Hall extends StaffTokens {
  kiosk: string;
  display: string;
  officers: { dukcapil1: string; dukcapil2: string; polresta: string };
  counters: { dukcapil1: CounterResponse; dukcapil2: CounterResponse; polresta: CounterResponse };
  services: { ktpBaru: string; kk: string; akta: string; skck: string };
}

/** Kupang's hall, from the seed: a kiosk and a display device, and officers at open counters. */
export async function setupHall(t: ApiClient): Promise<Hall> {
  const staff = await createStaff(t);
  const device = async (kind: 'kiosk' | 'display') =>
    (
      await t
        .http()
        .post('/api/v1/admin/sites/kota-kupang/devices')
        .auth(staff.kupangSiteAdmin, { type: 'bearer' })
        .send({ name: `${kind} uji`, kind })
        .expect(201)
    ).body.token as string;
  const officer = async (name: string, agencyId: string) => {
    const email = `${name.toLowerCase().replace(/\s+/g, ".")}-${randomUUID().slice(0, 6)}@mpp.test`;
    await t.http().post('/api/v1/admin/users').auth(staff.system, { type: 'bearer' }).send({ email, fullName: name, password: STAFF_PASSWORD, role: 'officer', agencyId }).expect(201);
    return t.loginAs(email, STAFF_PASSWORD);
  };
  const officers = {
    dukcapil1: await officer('Petugas Dukcapil Satu', staff.dukcapil.id),
    dukcapil2: await officer('Petugas Dukcapil Dua', staff.dukcapil.id),
    polresta: await officer('Petugas Polresta', staff.polresta.id),
  };
  const all = (await t.http().get('/api/v1/queue/sites/kota-kupang/counters').auth(staff.kupangSiteAdmin, { type: 'bearer' }).expect(200)).body as CounterResponse[];
  const ofAgency = (shortName: string) => all.filter((c) => c.name.endsWith(shortName));
  const [d1, d2] = ofAgency(staff.dukcapil.shortName);
  const [p1] = ofAgency(staff.polresta.shortName);
  const open = async (token: string, counter: CounterResponse) =>
    (await t.http().post(`/api/v1/queue/counters/${counter.id}/open`).auth(token, { type: 'bearer' }).expect(200)).body as CounterResponse;
  const services = async (agency: string) =>
    ((await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency, pageSize: 100 }).expect(200)).body as Page<ServiceSummaryResponse>).items;
  const dukcapil = await services('dukcapil');
  const polresta = await services('polresta');
  const byCode = (list: ServiceSummaryResponse[], code: string) => list.find((s) => s.code === code)!.id;
  return {
    ...staff,
    kiosk: await device('kiosk'),
    display: await device('display'),
    officers,
    counters: { dukcapil1: await open(officers.dukcapil1, d1), dukcapil2: await open(officers.dukcapil2, d2), polresta: await open(officers.polresta, p1) },
    services: {
      ktpBaru: byCode(dukcapil, 'dukcapil-ktp-el-baru'),
      kk: byCode(dukcapil, 'dukcapil-kartu-keluarga'),
      akta: byCode(dukcapil, 'dukcapil-akta-kelahiran'),
      skck: byCode(polresta, 'polresta-skck-baru'),
    },
  };
}

export async function issue(t: ApiClient, token: string, serviceId: string, extra: { priority?: string; key?: string } = {}): Promise<TicketResponse> {
  const req = t.http().post('/api/v1/queue/tickets').auth(token, { type: 'bearer' });
  if (extra.key) req.set('Idempotency-Key', extra.key);
  const res = await req.send({ serviceId, ...(extra.priority ? { priority: extra.priority } : {}) });
  if (res.status !== 201 && res.status !== 200) throw new Error(`issue failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as TicketResponse;
}

export function counterAction(t: ApiClient, token: string, counter: { id: string }, action: string, body: object = {}) {
  return t.http().post(`/api/v1/queue/counters/${counter.id}/${action}`).auth(token, { type: 'bearer' }).send(body);
}

/** Changes only the daily quota of a service (null = unlimited), keeping its other queue settings. */
export async function setDailyQuota(t: ApiClient, adminToken: string, serviceId: string, dailyQuota: number | null): Promise<void> {
  const service = (await t.http().get(`/api/v1/services/${serviceId}`).expect(200)).body as { queue: Record<string, unknown> };
  await t.http().patch(`/api/v1/admin/services/${serviceId}`).auth(adminToken, { type: 'bearer' }).send({ queue: { ...service.queue, dailyQuota } }).expect(200);
}
