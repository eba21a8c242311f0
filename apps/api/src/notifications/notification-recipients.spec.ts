import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import { NotificationRecipients } from './notification-recipients';

function recipients(secret = randomBytes(32)) {
  const queries: { sql: string; params: unknown[] }[] = [];
  const db = { query: (sql: string, params: unknown[]) => (queries.push({ sql, params }), Promise.resolve([])) } as unknown as DataSource;
  return { sut: new NotificationRecipients(db, new PiiCipher(secret), secret), queries };
}

describe(NotificationRecipients.name, () => {
  it('should key a number by one hash whatever form it is written in, and never hold the number', () => {
    const { sut } = recipients();
    const hashes = ['+6281234567890', '081234567890', '62 812-3456-7890'].map((phone) => sut.hashOf({ kind: 'phone', phone }));
    expect(new Set(hashes).size).toBe(1);
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(sut.hashOf({ kind: 'phone', phone: '081234567891' })).not.toBe(hashes[0]);
    expect(sut.hashOfAddress('whatsapp', '081234567890')).toBe(hashes[0]);
  });

  it('should key an email address without its case, apart from a number', () => {
    const { sut } = recipients();
    expect(sut.hashOf({ kind: 'email', email: ' Budi@Kupangkota.go.id ' })).toBe(sut.hashOf({ kind: 'email', email: 'budi@kupangkota.go.id' }));
  });

  it("should accept its own opt-out token and answer the recipient's hash", () => {
    const { sut } = recipients();
    const hash = sut.hashOf({ kind: 'phone', phone: '081234567890' });
    const token = sut.optOutToken(hash);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{16}$/);
    expect(sut.verifyOptOutToken(token)).toBe(hash);
  });

  it('should refuse a token made with another key, altered, or for another recipient', () => {
    const { sut } = recipients();
    const hash = sut.hashOf({ kind: 'phone', phone: '081234567890' });
    const other = recipients().sut;
    const token = sut.optOutToken(hash);
    expect(other.verifyOptOutToken(token)).toBeNull();
    const [payload, signature] = token.split('.');
    const otherHash = Buffer.from(sut.hashOf({ kind: 'phone', phone: '081234567891' }), 'hex').toString('base64url');
    expect(sut.verifyOptOutToken(`${otherHash}.${signature}`)).toBeNull();
    expect(sut.verifyOptOutToken(`${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    for (const bad of ['', 'abc', `${payload}.`, `${payload}.${signature}.x`]) expect(sut.verifyOptOutToken(bad)).toBeNull();
  });

  it('should record an opt-out by the hash only, and nothing for a bad token', async () => {
    const { sut, queries } = recipients();
    const hash = sut.hashOf({ kind: 'phone', phone: '081234567890' });
    expect(await sut.optOut('not-a-token')).toBe(false);
    expect(queries).toHaveLength(0);
    expect(await sut.optOut(sut.optOutToken(hash))).toBe(true);
    expect(queries).toHaveLength(1);
    expect(queries[0].params).toEqual([hash]);
  });
});
