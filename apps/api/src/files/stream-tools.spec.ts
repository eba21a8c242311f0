import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteLimit, ExactLength, peek, Sha256Meter } from './stream-tools';

async function collect(stream: Readable): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream) pieces.push(piece as Buffer);
  return Buffer.concat(pieces);
}

describe('stream tools', () => {
  it('should stop reading a source past the limit', async () => {
    let produced = 0;
    const source = new Readable({
      read() {
        produced += 1000;
        this.push(Buffer.alloc(1000, 1));
      },
    });
    const tooLarge = new Error('too large');
    await expect(pipeline(source, new ByteLimit(5500, () => tooLarge), async function* (s) {
      for await (const piece of s) yield piece;
    })).rejects.toBe(tooLarge);
    expect(source.destroyed).toBe(true);
    // The source is endless: it was read only a little past the limit (its own read-ahead).
    expect(produced).toBeLessThan(5500 + 64 * 1024);
  });

  it('should fail a stream shorter or longer than announced', async () => {
    await expect(pipeline(Readable.from([Buffer.alloc(10)]), new ExactLength(11), async function* (s) {
      for await (const piece of s) yield piece;
    })).rejects.toThrow('10 bytes, 11 announced');
    await expect(pipeline(Readable.from([Buffer.alloc(10)]), new ExactLength(9), async function* (s) {
      for await (const piece of s) yield piece;
    })).rejects.toThrow('longer');
  });

  it('should hash and count what passes', async () => {
    const data = [Buffer.from('tanda '), Buffer.from('terima')];
    const sut = new Sha256Meter();
    const out = await collect(Readable.from(data).pipe(sut));
    expect(out.toString()).toBe('tanda terima');
    expect(sut.bytes).toBe(out.length);
    expect(sut.sha256).toBe(createHash('sha256').update(Buffer.concat(data)).digest('hex'));
  });

  it.each([
    [[Buffer.from('ab'), Buffer.from('cdefghij'), Buffer.from('kl')], 'abcdefgh'],
    [[Buffer.from('abc')], 'abc'],
    [[], ''],
  ])('should peek the first bytes of %j and give the whole stream back', async (pieces, head) => {
    const sut = await peek(Readable.from(pieces), 8);
    expect(sut.head.toString()).toBe(head);
    expect((await collect(sut.stream)).toString()).toBe(Buffer.concat(pieces).toString());
  });

  it('should pass a source error after the peek on', async () => {
    const boom = new Error('connection reset');
    const source = new Readable({ read() {} });
    source.push(Buffer.from('%PDF-1.7 and more'));
    const sut = await peek(source, 8);
    setImmediate(() => source.destroy(boom));
    await expect(collect(sut.stream)).rejects.toBe(boom);
  });
});
