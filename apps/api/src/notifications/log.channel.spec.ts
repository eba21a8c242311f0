import { Logger } from '@nestjs/common';
import { LogChannel } from './log.channel';
import { maskEmail, maskRecipient, redactRecipient } from './notification';

describe(LogChannel.name, () => {
  let log: jest.SpyInstance;

  beforeEach(() => {
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    log.mockRestore();
  });

  it('should log one structured line with the ids and the channel only, and report "logged"', async () => {
    const sut = new LogChannel();
    const result = await sut.send({ channel: 'sms', to: '+6281234567890', subject: null, body: 'MPP Kota Kupang: antrean KTP-el', bookingId: 'b-1', outboxId: '42' });
    expect(result).toEqual({ status: 'logged' });
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toEqual({ msg: 'notification logged, not delivered', channel: 'sms', outboxId: '42', bookingId: 'b-1' });
  });

  it('should log an email without its address, subject or text', async () => {
    await new LogChannel().send({ channel: 'email', to: 'nur.aisyah@Example.go.id', subject: 'Pemesanan antrean K7M3-9QXA', body: 'Yth. Nur Aisyah', outboxId: '43' });
    expect(log.mock.calls[0][0]).toEqual({ msg: 'notification logged, not delivered', channel: 'email', outboxId: '43' });
    expect(JSON.stringify(log.mock.calls)).not.toMatch(/aisyah|example\.go\.id|K7M3/i);
  });
});

describe(maskRecipient.name, () => {
  it.each([
    ['sms', '+6281234567890', '+62 812****7890'],
    ['sms', '0812-3456-7890', '+62 812****7890'],
    ['sms', 'not a phone 123', '****'],
    ['email', 'budi@kupangkota.go.id', 'b***@kupangkota.go.id'],
    ['email', 'x@y.id', 'x***@y.id'],
  ] as const)('should mask %s recipient "%s" as "%s"', (channel, to, masked) => {
    expect(maskRecipient(channel, to)).toBe(masked);
  });

  it('should fit the outbox column', () => {
    expect(maskRecipient('email', `a@${'d'.repeat(300)}.id`)).toHaveLength(120);
  });
});

describe(maskEmail.name, () => {
  it.each(['', 'no-at-sign', '@example.go.id', 'name@'])('should hide "%s" completely', (address) => {
    expect(maskEmail(address)).toBe('***');
  });
});

describe(redactRecipient.name, () => {
  it('should replace the address a mail server quoted', () => {
    expect(redactRecipient('550 5.1.1 <budi@kupangkota.go.id>: unknown user', { channel: 'email', to: 'budi@kupangkota.go.id' })).toBe(
      '550 5.1.1 <b***@kupangkota.go.id>: unknown user',
    );
  });
});
