import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { PeerScope, type Closable } from './http-peer.testing';
import { SmtpChannel } from './smtp.channel';

interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

interface TestSmtpServer extends Closable {
  url: string;
  received: ReceivedMail[];
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1, no TLS and no AUTH, keeping every
 * message it accepts. `rejectRecipient` answers RCPT with a 550 that quotes the address, as mail
 * servers do.
 */
async function startSmtpServer(options: { rejectRecipient?: boolean } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.rejectRecipient) return callback();
      const error = new Error(`<${address.address}>: Recipient address rejected: User unknown`) as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nobody listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const EMAIL = {
  channel: 'email' as const,
  to: 'nur.aisyah@example.go.id',
  subject: 'Pemesanan antrean K7M3-9QXA: KTP-el, Senin, 23 November 2026',
  body: 'Yth. Nur Aisyah,\n\nPemesanan antrean Anda telah tercatat.\n',
};

describe(SmtpChannel.name, () => {
  const peers = new PeerScope();
  beforeEach(() => peers.setUp());
  afterEach(() => peers.tearDown());

  it('should deliver a plain-text email with the subject, from the configured sender', async () => {
    const smtp = peers.keep(await startSmtpServer());
    const sut = new SmtpChannel(smtp.url, 'MPP Digital <no-reply@mpp.example.go.id>');
    expect(await sut.send(EMAIL)).toEqual({ status: 'sent' });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.from).toBe('no-reply@mpp.example.go.id');
    expect(mail.to).toEqual(['nur.aisyah@example.go.id']);
    expect(mail.data).toContain(`Subject: ${EMAIL.subject}\r\n`);
    expect(mail.data).toMatch(/^From: MPP Digital <no-reply@mpp\.example\.go\.id>\r\n/m);
    expect(mail.data).toMatch(/^Content-Type: text\/plain; charset=utf-8\r\n/m);
    expect(mail.data).toContain('Pemesanan antrean Anda telah tercatat.');
  });

  it('should report a refused recipient as failed, without the address in the error', async () => {
    const smtp = peers.keep(await startSmtpServer({ rejectRecipient: true }));
    const result = await new SmtpChannel(smtp.url, 'no-reply@mpp.example.go.id').send(EMAIL);
    expect(result.status).toBe('failed');
    expect(result.error).toContain('550');
    expect(result.error).toContain('n***@example.go.id');
    expect(result.error).not.toContain('nur.aisyah');
    expect(peers.warnings).toHaveLength(1);
    expect(JSON.stringify(peers.warnings)).not.toContain('nur.aisyah');
  });

  it('should report an unreachable server as failed', async () => {
    const result = await new SmtpChannel(`smtp://127.0.0.1:${await closedPort()}`, 'no-reply@mpp.example.go.id').send(EMAIL);
    expect(result).toEqual({ status: 'failed', error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('should not send an SMS by email', async () => {
    const smtp = peers.keep(await startSmtpServer());
    const result = await new SmtpChannel(smtp.url, 'no-reply@mpp.example.go.id').send({ channel: 'sms', to: '+6281234567890', subject: null, body: 'x' });
    expect(result.status).toBe('failed');
    expect(smtp.received).toHaveLength(0);
  });
});
