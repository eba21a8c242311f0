import { Logger } from '@nestjs/common';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { SmtpChannel } from './smtp.channel';

interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

interface TinySmtpServer {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * Just enough SMTP (RFC 5321) for nodemailer on 127.0.0.1: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
 * QUIT, no STARTTLS and no AUTH. `rejectRecipient` answers RCPT with a 550 that quotes the address.
 */
async function startSmtpServer(options: { rejectRecipient?: boolean } = {}): Promise<TinySmtpServer> {
  const received: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let mail: ReceivedMail = { from: '', to: [], data: '' };
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 127.0.0.1 ESMTP tiny test server');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(mail);
            mail = { from: '', to: [], data: '' };
            reply('250 2.0.0 OK queued');
          } else {
            mail.data += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250-127.0.0.1 greets you\r\n250 8BITMIME');
        else if (verb === 'HELO') reply('250 127.0.0.1');
        else if (verb === 'MAIL') {
          mail.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 2.1.0 OK');
        } else if (verb === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (options.rejectRecipient) reply(`550 5.1.1 <${address}>: Recipient address rejected: User unknown`);
          else {
            mail.to.push(address);
            reply('250 2.1.5 OK');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') {
          mail = { from: '', to: [], data: '' };
          reply('250 2.0.0 OK');
        } else if (verb === 'NOOP') reply('250 2.0.0 OK');
        else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
        } else reply('502 5.5.2 Command not recognized');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
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
  let smtp: TinySmtpServer | undefined;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    warn.mockRestore();
    await smtp?.close();
    smtp = undefined;
  });

  it('should deliver a plain-text email with the subject, from the configured sender', async () => {
    smtp = await startSmtpServer();
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
    smtp = await startSmtpServer({ rejectRecipient: true });
    const result = await new SmtpChannel(smtp.url, 'no-reply@mpp.example.go.id').send(EMAIL);
    expect(result.status).toBe('failed');
    expect(result.error).toContain('550');
    expect(result.error).toContain('n***@example.go.id');
    expect(result.error).not.toContain('nur.aisyah');
    expect(JSON.stringify(warn.mock.calls)).not.toContain('nur.aisyah');
  });

  it('should report an unreachable server as failed', async () => {
    const result = await new SmtpChannel(`smtp://127.0.0.1:${await closedPort()}`, 'no-reply@mpp.example.go.id').send(EMAIL);
    expect(result).toEqual({ status: 'failed', error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('should not send an SMS by email', async () => {
    smtp = await startSmtpServer();
    const result = await new SmtpChannel(smtp.url, 'no-reply@mpp.example.go.id').send({ channel: 'sms', to: '+6281234567890', subject: null, body: 'x' });
    expect(result.status).toBe('failed');
    expect(smtp.received).toHaveLength(0);
  });
});
