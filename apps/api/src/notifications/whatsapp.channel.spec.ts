import { notificationsConfigFrom, PeerScope, type HttpPeer } from './http-peer.testing';
import { WhatsAppChannel } from './whatsapp.channel';

const CALLED = {
  channel: 'whatsapp' as const,
  to: '+62 812-3456-7890',
  subject: null,
  body: 'MPP Kota Kupang: nomor A012 dipanggil, silakan ke Loket 3.',
  whatsapp: { name: 'mpp_ticket_called', language: 'id', parameters: ['A012', 'Loket 3', 'MPP Kota Kupang'] },
  outboxId: '9',
};

function whatsApp(peer: HttpPeer, extra: Record<string, string> = {}) {
  const config = notificationsConfigFrom({ WHATSAPP_TOKEN: 'EAAG-test-token', WHATSAPP_PHONE_NUMBER_ID: '106540352242922', WHATSAPP_API_URL: `${peer.origin}/v21.0/`, ...extra });
  return new WhatsAppChannel(config.whatsapp!, config.httpTimeoutMs);
}

describe(WhatsAppChannel.name, () => {
  const peers = new PeerScope();
  beforeEach(() => peers.setUp());
  afterEach(() => peers.tearDown());

  it("should POST a template message to /{phone-number-id}/messages with the bearer token, and keep WhatsApp's message id", async () => {
    const peer = await peers.http({ status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: '6281234567890', wa_id: '6281234567890' }], messages: [{ id: 'wamid.HBgLNjI4MTIzNDU2Nzg5MBUCABEYEjQ' }] } });

    expect(await whatsApp(peer).send(CALLED)).toEqual({ status: 'sent', providerMessageId: 'wamid.HBgLNjI4MTIzNDU2Nzg5MBUCABEYEjQ' });

    expect(peer.received).toHaveLength(1);
    const [request] = peer.received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v21.0/106540352242922/messages');
    expect(request.headers['authorization']).toBe('Bearer EAAG-test-token');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281234567890',
      type: 'template',
      template: {
        name: 'mpp_ticket_called',
        language: { code: 'id' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'A012' },
              { type: 'text', text: 'Loket 3' },
              { type: 'text', text: 'MPP Kota Kupang' },
            ],
          },
        ],
      },
    });
  });

  it('should carry ready text (a booking message) as the one parameter of the text template, on one line', async () => {
    const peer = await peers.http({ status: 200, body: { messages: [{ id: 'wamid.2' }] } });
    const sut = whatsApp(peer, { WHATSAPP_TEMPLATE_TEXT: 'mpp_info' });
    const message = { channel: 'whatsapp' as const, to: '081234567890', subject: null, body: 'Yth. Nur Aisyah,\n\nPemesanan antrean   Anda tercatat.\nKode: K7M3-9QXA', language: 'en' as const };

    expect(await sut.send(message)).toEqual({ status: 'sent', providerMessageId: 'wamid.2' });

    expect(JSON.parse(peer.received[0].body).template).toEqual({
      name: 'mpp_info',
      language: { code: 'en' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Yth. Nur Aisyah, / Pemesanan antrean Anda tercatat. / Kode: K7M3-9QXA' }] }],
    });
  });

  it("should report Meta's error as failed, without the token, the number or the parameters", async () => {
    const peer = await peers.http({
      status: 400,
      body: { error: { message: '(#132001) Template name does not exist in the translation for 6281234567890, A012, token EAAG-test-token', type: 'OAuthException', code: 132001 } },
    });

    const result = await whatsApp(peer).send(CALLED);

    expect(result).toEqual({ status: 'failed', error: expect.stringMatching(/^WhatsApp answered 400: \(#132001\) Template name does not exist/) as string });
    expect(peers.warnings).toHaveLength(1);
    const kept = JSON.stringify([result, peers.warnings]);
    expect(kept).not.toMatch(/81234567890|A012|EAAG-test-token/);
    expect(kept).toContain('+62 812****7890');
  });

  it('should report an unreachable API as failed', async () => {
    const peer = await peers.http({ status: 200, body: {} });
    const sut = whatsApp(peer);
    await peer.close();
    expect(await sut.send(CALLED)).toEqual({ status: 'failed', error: expect.stringMatching(/fetch failed: .*ECONNREFUSED/) as string });
  });

  it('should not send an SMS by WhatsApp', async () => {
    const peer = await peers.http({ status: 200, body: {} });
    expect((await whatsApp(peer).send({ ...CALLED, channel: 'sms' })).status).toBe('failed');
    expect(peer.received).toHaveLength(0);
  });
});
