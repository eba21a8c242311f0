import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { LogLevel } from '../../config/app-config';
import { ApiLogger, createRootLogger, REDACTED, requestId } from './api-logger';

describe(ApiLogger.name, () => {
  const capture = (level: LogLevel) => {
    const lines: string[] = [];
    const sut = new ApiLogger(createRootLogger(level, { write: (line: string) => void lines.push(line) }));
    return { sut, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  };

  it('should write one JSON object a line with time, level, context and message', () => {
    const { sut, lines, entries } = capture('info');
    sut.log('ready', 'Main');
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(entries()[0]).toMatchObject({ level: 'info', context: 'Main', msg: 'ready' });
    expect(new Date(entries()[0].time as string).toISOString()).toBe(entries()[0].time);
  });

  it("should merge structured fields, drop lines below its level and keep Nest's start-up chatter for debug", () => {
    const { sut, entries } = capture('info');
    sut.log({ msg: 'closed open tickets as not served', count: 2 }, 'DayEndService');
    sut.debug({ msg: 'detail' }, 'DayEndService');
    sut.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(entries()).toEqual([expect.objectContaining({ level: 'info', msg: 'closed open tickets as not served', count: 2, context: 'DayEndService' })]);

    const verbose = capture('debug');
    verbose.sut.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(verbose.entries()[0]).toMatchObject({ level: 'debug', context: 'InstanceLoader' });
  });

  it('should keep the stack trace Nest passes with errors', () => {
    const { sut, entries } = capture('info');
    sut.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(entries()[0]).toMatchObject({ level: 'error', context: 'ExceptionsHandler', err: expect.objectContaining({ message: 'boom', stack: 'Error: boom\n    at x' }) });
  });

  it('should write a personal field or a secret given to it as redacted, at the top of a line or one level down', () => {
    const { sut, lines, entries } = capture('debug');
    const person = { name: 'Maria Goreti', fullName: 'Maria Goreti Seran', nik: '5371015708917391', phone: '+6281273914628', email: 'maria.seran@contoh.example' };
    const secrets = { password: 'rahasia-123', token: 'manage-tok3n', body: 'Yth. Maria Goreti Seran' };
    sut.log({ msg: 'booking written', bookingId: 'b-1', ...person, ...secrets, booking: { ...person }, req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1' }, body: { ...person } } }, 'Probe');

    const [entry] = entries();
    for (const field of [...Object.keys(person), ...Object.keys(secrets)]) expect(entry[field]).toBe(REDACTED);
    for (const field of Object.keys(person)) expect((entry.booking as Record<string, unknown>)[field]).toBe(REDACTED);
    expect(entry.req).toEqual({ headers: { authorization: REDACTED, cookie: REDACTED }, body: REDACTED });
    expect(entry).toMatchObject({ msg: 'booking written', bookingId: 'b-1', context: 'Probe' });
    for (const value of [...Object.values(person), ...Object.values(secrets), 'abc.def', 'sid=1']) expect(lines[0]).not.toContain(value);
  });
});

describe(requestId.name, () => {
  const exchange = (header?: string) => {
    const req = new IncomingMessage(new Socket());
    if (header !== undefined) req.headers['x-request-id'] = header;
    const res = new ServerResponse(req);
    return { id: requestId(req, res), sent: res.getHeader('X-Request-Id') };
  };

  it('should keep a plain X-Request-Id from the client and send it back', () => {
    expect(exchange('edge-7f3a:42')).toEqual({ id: 'edge-7f3a:42', sent: 'edge-7f3a:42' });
  });

  it('should give a new id to a request without one or with one that is not a plain token', () => {
    for (const header of [undefined, '', 'a b', 'x'.repeat(129), 'id"}\n{"level":"error']) {
      const { id, sent } = exchange(header);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(sent).toBe(id);
    }
    expect(exchange().id).not.toBe(exchange().id);
  });
});
