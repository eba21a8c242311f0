import { MAX_ATTEMPTS, retryDelaySeconds, SEND_LEASE_SECONDS } from './outbox-retry';

describe('outbox retry schedule', () => {
  it('should wait 1, 5, 15 and 60 minutes after the 1st to 4th failed attempts', () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([60, 300, 900, 3600]);
  });

  it('should give up after the 5th attempt, and never try more', () => {
    expect(MAX_ATTEMPTS).toBe(5);
    expect(retryDelaySeconds(5)).toBeNull();
    expect(retryDelaySeconds(6)).toBeNull();
  });

  it('should grow the wait with every attempt', () => {
    const waits = [1, 2, 3, 4].map((n) => retryDelaySeconds(n)!);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(new Set(waits).size).toBe(waits.length);
  });

  it('should refuse an attempt number below 1 or not whole', () => {
    expect(() => retryDelaySeconds(0)).toThrow(/attempts/);
    expect(() => retryDelaySeconds(1.5)).toThrow(/attempts/);
  });

  it('should leave a send far longer than the channels take before its row may be taken again', () => {
    // SMTP's time-outs add up to 40 s at most (smtp.channel.ts).
    expect(SEND_LEASE_SECONDS).toBeGreaterThanOrEqual(4 * 40);
  });
});
