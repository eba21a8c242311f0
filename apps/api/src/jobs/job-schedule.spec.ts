import { checkJobDefinition, DEFAULT_LEASE_SECONDS, jobErrorText, leaseRenewalMs, MAX_JOB_ERROR_LENGTH, nextAttemptDelayMs } from './job-schedule';

describe('job schedule', () => {
  const run = () => Promise.resolve();

  describe(checkJobDefinition.name, () => {
    it('should keep a valid job and give it the default lease', () => {
      expect(checkJobDefinition({ name: 'day-end sweep', everySeconds: 60, run })).toEqual({ name: 'day-end sweep', everySeconds: 60, leaseSeconds: DEFAULT_LEASE_SECONDS, run });
    });

    it.each(['', ' leading space', 'quote"s', 'x'.repeat(81)])('should refuse the name %j', (name) => {
      expect(() => checkJobDefinition({ name, everySeconds: 60, run })).toThrow(/job name/);
    });

    it('should refuse a lease shorter than a second or not whole, and an interval that is not a number', () => {
      expect(() => checkJobDefinition({ name: 'a', everySeconds: 60, leaseSeconds: 0, run })).toThrow(/leaseSeconds/);
      expect(() => checkJobDefinition({ name: 'a', everySeconds: 60, leaseSeconds: 1.5, run })).toThrow(/leaseSeconds/);
      expect(() => checkJobDefinition({ name: 'a', everySeconds: Number.NaN, run })).toThrow(/everySeconds/);
    });
  });

  describe(nextAttemptDelayMs.name, () => {
    it('should wait until the job is due, a few milliseconds late', () => {
      expect(nextAttemptDelayMs(1234.2, 60)).toBe(1240);
    });

    it('should ask at once for a job already due', () => {
      expect(nextAttemptDelayMs(-500, 60)).toBe(5);
    });

    it('should never wait longer than one interval, nor for ever when the row is missing', () => {
      expect(nextAttemptDelayMs(3_600_000, 60)).toBe(60_000);
      expect(nextAttemptDelayMs(null, 60)).toBe(60_000);
      expect(nextAttemptDelayMs(Number.NaN, 1)).toBe(1_000);
    });
  });

  describe(leaseRenewalMs.name, () => {
    it('should renew three times per lease, not more often than every 100 ms', () => {
      expect(leaseRenewalMs(60)).toBe(20_000);
      expect(leaseRenewalMs(3)).toBe(1_000);
    });
  });

  describe(jobErrorText.name, () => {
    it('should keep the message of an error, with its type unless a plain Error', () => {
      expect(jobErrorText(new Error('database down'))).toBe('database down');
      expect(jobErrorText(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
      expect(jobErrorText('thrown text')).toBe('thrown text');
    });

    it('should take out e-mail addresses and runs of digits that may be a NIK or a phone number', () => {
      const text = jobErrorText(new Error('cannot send to budi.santoso@example.co.id (NIK 3174011201900001, tel +62 812-3456-7890) at site 12'));

      expect(text).toBe('cannot send to [email] (NIK [number], tel [number]) at site 12');
    });

    it('should answer one line of at most MAX_JOB_ERROR_LENGTH characters', () => {
      const text = jobErrorText(new Error(`first\nsecond ${'x'.repeat(1000)}`));

      expect(text.startsWith('first second ')).toBe(true);
      expect(text).toHaveLength(MAX_JOB_ERROR_LENGTH);
    });
  });
});
