import { auditChanges, auditSnapshot, auditValue } from './audit-log';

describe('audit-log', () => {
  describe(auditChanges.name, () => {
    it('should keep only the fields whose value changed, on both sides', () => {
      const before = { name: 'Dukcapil', hours: [{ weekday: 1, open: '08:00' }], phone: null };
      const after = { name: 'Dukcapil', hours: [{ weekday: 1, open: '07:30' }], phone: '0380' };

      const sut = auditChanges(before, after);

      expect(sut).toEqual({ before: { hours: before.hours, phone: null }, after: { hours: after.hours, phone: '0380' } });
    });

    it('should keep a creation and a removal whole', () => {
      const record = { name: 'Loket 1', serviceIds: ['a'] };

      expect(auditChanges(null, record)).toEqual({ before: null, after: record });
      expect(auditChanges(record, null)).toEqual({ before: record, after: null });
    });

    it('should answer empty sides when nothing changed', () => {
      const record = { name: 'Loket 1' };

      expect(auditChanges(record, { ...record })).toEqual({ before: {}, after: {} });
    });
  });

  describe(auditValue.name, () => {
    it('should drop secret fields at any depth and write dates as ISO text', () => {
      const at = new Date('2026-12-04T01:02:03.004Z');
      const input = { passwordHash: 'x', token: 'mppd_x', nested: [{ tokenHash: 'y', totpSecret: 'z', nik_cipher: 'c', kept: at }], password: 'p', passwordChanged: true };

      const sut = auditValue(input);

      expect(sut).toEqual({ nested: [{ kept: at.toISOString() }], passwordChanged: true });
    });
  });

  describe(auditSnapshot.name, () => {
    it('should copy only the listed fields, missing ones as null, without sharing arrays with the record', () => {
      const record = { name: 'A', synonyms: ['x'], secretish: 1, retiredAt: undefined as Date | undefined };

      const sut = auditSnapshot(record, ['name', 'synonyms', 'retiredAt']);
      record.synonyms.push('y');

      expect(sut).toEqual({ name: 'A', synonyms: ['x'], retiredAt: null });
    });
  });
});
