import type { AgencyResponse } from '@mpp/contracts';
import type { TestApp } from './test-app';

export const STAFF_PASSWORD = 'kata-sandi-uji-123';

export interface StaffTokens {
  system: string;
  kupangSiteAdmin: string;
  dukcapilAdmin: string;
  dukcapilOfficer: string;
  polrestaAdmin: string;
  probolinggoSiteAdmin: string;
  kupangKiosk: string;
  dukcapil: AgencyResponse;
  polresta: AgencyResponse;
}

/** Accounts of every role on the seeded catalogue, created through the admin API itself. */
export async function createStaff(t: Pick<TestApp, 'http' | 'adminToken' | 'loginAs'>): Promise<StaffTokens> {
  const system = await t.adminToken();
  const agencies = (await t.http().get('/api/v1/sites/kota-kupang/agencies').expect(200)).body as AgencyResponse[];
  const dukcapil = agencies.find((a) => a.code === 'dukcapil')!;
  const polresta = agencies.find((a) => a.code === 'polresta')!;
  const create = async (email: string, body: Record<string, unknown>) => {
    await t
      .http()
      .post('/api/v1/admin/users')
      .auth(system, { type: 'bearer' })
      .send({ email, fullName: email.split('@')[0], password: STAFF_PASSWORD, ...body })
      .expect(201);
    return t.loginAs(email, STAFF_PASSWORD);
  };
  const kiosk = await t
    .http()
    .post('/api/v1/admin/sites/kota-kupang/devices')
    .auth(system, { type: 'bearer' })
    .send({ name: 'Kios pintu utara', kind: 'kiosk' })
    .expect(201);
  return {
    system,
    kupangSiteAdmin: await create('admin.kupang@mpp.test', { role: 'site_admin', siteCode: 'kota-kupang' }),
    dukcapilAdmin: await create('admin.dukcapil@mpp.test', { role: 'agency_admin', agencyId: dukcapil.id }),
    dukcapilOfficer: await create('petugas.dukcapil@mpp.test', { role: 'officer', agencyId: dukcapil.id }),
    polrestaAdmin: await create('admin.polresta@mpp.test', { role: 'agency_admin', agencyId: polresta.id }),
    probolinggoSiteAdmin: await create('admin.probolinggo@mpp.test', { role: 'site_admin', siteCode: 'kota-probolinggo' }),
    kupangKiosk: (kiosk.body as { token: string }).token,
    dukcapil,
    polresta,
  };
}
