import { JsonLogger } from './json-logger';

describe(JsonLogger.name, () => {
  const capture = (level: 'debug' | 'info' | 'warn' | 'error') => {
    const lines: string[] = [];
    return { sut: new JsonLogger(level, (l) => lines.push(l)), lines };
  };

  it('should write one JSON object a line with time, level, context and message', () => {
    const { sut, lines } = capture('info');
    sut.log('ready', 'Main');
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'info', context: 'Main', msg: 'ready' });
    expect(new Date(entry.time).toString()).not.toBe('Invalid Date');
  });

  it('should merge structured fields and drop entries below its level', () => {
    const { sut, lines } = capture('warn');
    sut.log({ msg: 'request', status: 200 }, 'HTTP');
    sut.warn({ msg: 'slow', ms: 900 }, 'HTTP');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', msg: 'slow', ms: 900, context: 'HTTP' });
  });

  it('should keep the stack trace Nest passes with errors', () => {
    const { sut, lines } = capture('info');
    sut.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', msg: 'boom', trace: 'Error: boom\n    at x', context: 'ExceptionsHandler' });
  });
});
