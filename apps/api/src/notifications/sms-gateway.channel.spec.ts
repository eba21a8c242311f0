import { notificationsConfigFrom, PeerScope } from './http-peer.testing';
import { escaperFor, SmsGatewayChannel } from './sms-gateway.channel';

const SMS = { channel: 'sms' as const, to: '0812-3456-7890', subject: null, body: 'MPP Kota Kupang: nomor A012 dipanggil, silakan ke Loket 3. "Ya" & <ok>', outboxId: '7' };

/** The gateway's settings as the environment gives them (so the test goes through the same validation). */
function gateway(env: Record<string, string>, timeoutSeconds = '10') {
  const config = notificationsConfigFrom({ ...env, NOTIFICATION_HTTP_TIMEOUT_SECONDS: timeoutSeconds });
  return new SmsGatewayChannel(config.sms!, config.httpTimeoutMs);
}

describe(SmsGatewayChannel.name, () => {
  const peers = new PeerScope();
  beforeEach(() => peers.setUp());
  afterEach(() => peers.tearDown());

  it('should POST the JSON body template with the number in E.164, the text JSON-escaped, and the auth header, and keep the message id', async () => {
    const peer = await peers.http({ status: 200, body: { status: 'ok', data: { message_id: 'sms-991' } } });
    const sut = gateway({
      SMS_GATEWAY_URL: `${peer.origin}/api/v2/send?sender=MPPKUPANG`,
      SMS_GATEWAY_BODY: '{"msisdn":"{{to}}","message":"{{text}}","type":"otp"}',
      SMS_GATEWAY_AUTH_HEADER: 'Authorization: Bearer gw-secret-123',
      SMS_GATEWAY_MESSAGE_ID: 'data.message_id',
    });

    expect(await sut.send(SMS)).toEqual({ status: 'sent', providerMessageId: 'sms-991' });

    expect(peer.received).toHaveLength(1);
    const [request] = peer.received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/v2/send?sender=MPPKUPANG');
    expect(request.headers['authorization']).toBe('Bearer gw-secret-123');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toBe(JSON.stringify({ msisdn: '+6281234567890', message: SMS.body, type: 'otp' }));
  });

  it('should send a form body with the local number form-encoded', async () => {
    const peer = await peers.http({ status: 202, body: 'queued' });
    const sut = gateway({
      SMS_GATEWAY_URL: `${peer.origin}/sms`,
      SMS_GATEWAY_METHOD: 'put',
      SMS_GATEWAY_CONTENT_TYPE: 'application/x-www-form-urlencoded',
      SMS_GATEWAY_BODY: 'user=mpp&hp={{toLocal}}&pesan={{text}}',
    });

    expect(await sut.send(SMS)).toEqual({ status: 'sent' });

    const [request] = peer.received;
    expect(request.method).toBe('PUT');
    expect(request.url).toBe('/sms');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['authorization']).toBeUndefined();
    expect(new URLSearchParams(request.body).get('hp')).toBe('081234567890');
    expect(new URLSearchParams(request.body).get('pesan')).toBe(SMS.body);
    expect(request.body).toBe(`user=mpp&hp=081234567890&pesan=${encodeURIComponent(SMS.body)}`);
  });

  it('should GET a URL template with the digits-only number and the text URL-encoded, and no body', async () => {
    const peer = await peers.http({ status: 200, body: { id: 12 } });
    const sut = gateway({ SMS_GATEWAY_URL: `${peer.origin}/send.php?key=k1&to={{toDigits}}&msg={{text}}`, SMS_GATEWAY_METHOD: 'GET', SMS_GATEWAY_MESSAGE_ID: 'id' });

    expect(await sut.send(SMS)).toEqual({ status: 'sent', providerMessageId: '12' });

    const [request] = peer.received;
    expect(request.method).toBe('GET');
    expect(request.url).toBe(`/send.php?key=k1&to=6281234567890&msg=${encodeURIComponent(SMS.body)}`);
    expect(request.body).toBe('');
    expect(request.headers['content-type']).toBeUndefined();
  });

  it('should report a refusal as failed, without the number (in any form) or the text in the error or the log', async () => {
    const peer = await peers.http({ status: 422, body: { error: `invalid destination 081234567890 / 6281234567890 for "${SMS.body}"` } });
    const sut = gateway({ SMS_GATEWAY_URL: `${peer.origin}/send`, SMS_GATEWAY_BODY: '{"to":"{{to}}","text":"{{text}}"}' });

    const result = await sut.send(SMS);

    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/^the SMS gateway answered 422: /);
    expect(result.error).toContain('+62 812****7890');
    expect(peers.warnings).toHaveLength(1);
    const logged = JSON.stringify([result, peers.warnings]);
    expect(logged).not.toMatch(/81234567890|dipanggil/);
  });

  it('should give up on a gateway that does not answer within the time-out', async () => {
    const peer = await peers.http({ status: 200, body: {}, delayMs: 3000 });
    const sut = gateway({ SMS_GATEWAY_URL: `${peer.origin}/send` }, '1');
    const started = Date.now();
    const result = await sut.send(SMS);
    expect(result).toEqual({ status: 'failed', error: 'no answer within 1 s' });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('should not send an email or a WhatsApp message as SMS', async () => {
    const peer = await peers.http({ status: 200, body: {} });
    const sut = gateway({ SMS_GATEWAY_URL: `${peer.origin}/send` });
    expect((await sut.send({ ...SMS, channel: 'email', to: 'a@b.id' })).status).toBe('failed');
    expect(peer.received).toHaveLength(0);
  });
});

describe(escaperFor.name, () => {
  it.each([
    ['application/json', 'a "b"\n\\c', 'a \\"b\\"\\n\\\\c'],
    ['application/x-www-form-urlencoded; charset=utf-8', 'a&b=c d', 'a%26b%3Dc%20d'],
    ['text/xml', '<a & "b">', '&lt;a &amp; &quot;b&quot;&gt;'],
    ['text/plain', '<a & b>', '<a & b>'],
  ])('should escape for %s', (type, value, escaped) => {
    expect(escaperFor(type)(value)).toBe(escaped);
  });
});
