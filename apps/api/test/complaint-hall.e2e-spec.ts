import type { ApiError, ComplaintCreatedResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { COMPLAINT_RATE_LIMIT } from '../src/complaints/complaint-throttler.guard';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue 16: anonymous complaints are rate-limited per address without blocking a hall whose phones
 * share the MPP's one public address (its Wi-Fi): forty citizens filing at the same moment all get
 * their code; only what goes past the limit in that minute is held back.
 */
describe('Complaints from a hall sharing one address', () => {
  let t: TestApp;
  const db = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await createTestApp();
  }, 180_000);
  afterAll(async () => t?.close());

  it('should accept forty phones at once from one address, and refuse only past the limit', async () => {
    const phones = 40;
    const before = ((await db().query(`SELECT count(*)::int AS n FROM complaint`)) as { n: number }[])[0].n;
    const results = await Promise.all(
      Array.from({ length: phones }, (_, i) =>
        t
          .http()
          .post('/api/v1/complaints')
          .set('User-Agent', `Mozilla/5.0 (Linux; Android 14; HP warga ${i})`)
          .send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'facilities', anonymity: 'anonymous', text: `Kursi ruang tunggu nomor ${i} rusak dan belum diganti.`, language: 'id' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(phones).fill(201));
    const codes = results.map((r) => (r.body as ComplaintCreatedResponse).code);
    expect(new Set(codes).size).toBe(phones);
    const stored = (await db().query(`SELECT code FROM complaint WHERE code = ANY($1)`, [codes])) as { code: string }[];
    expect(stored).toHaveLength(phones);

    // The rest of the minute's allowance, at once: past the limit only the surplus is refused, and refused writes nothing.
    const surplus = 5;
    const more = await Promise.all(
      Array.from({ length: COMPLAINT_RATE_LIMIT - phones + surplus }, (_, i) =>
        t.http().post('/api/v1/complaints').send({ siteCode: 'kota-kupang', kind: 'complaint', subject: 'facilities', anonymity: 'anonymous', text: `Pendingin ruangan ${i} tidak menyala sejak pagi.`, language: 'id' }),
      ),
    );
    expect(more.filter((r) => r.status === 201)).toHaveLength(COMPLAINT_RATE_LIMIT - phones);
    const refused = more.filter((r) => r.status === 429);
    expect(refused).toHaveLength(surplus);
    expect((refused[0].body as ApiError).message).toEqual({ id: expect.any(String), en: expect.any(String) });
    const after = ((await db().query(`SELECT count(*)::int AS n FROM complaint`)) as { n: number }[])[0].n;
    expect(after - before).toBe(COMPLAINT_RATE_LIMIT);
  });
});
