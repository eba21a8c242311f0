import { createHash, type Hash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';

/** Passes bytes through and fails as soon as more than `max` arrived (the source is not read further). */
export class ByteLimit extends Transform {
  private seen = 0;

  constructor(
    private readonly max: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  override _transform(piece: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += piece.length;
    if (this.seen > this.max) return callback(this.tooLarge());
    callback(null, piece);
  }
}

/** Passes bytes through and fails at the end unless exactly `expected` bytes passed. */
export class ExactLength extends Transform {
  private seen = 0;

  constructor(private readonly expected: number) {
    super();
  }

  override _transform(piece: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += piece.length;
    if (this.seen > this.expected) return callback(new Error(`stream longer than the ${this.expected} bytes announced`));
    callback(null, piece);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.seen === this.expected ? null : new Error(`stream of ${this.seen} bytes, ${this.expected} announced`));
  }
}

/** Passes bytes through, counting them and hashing them with SHA-256. */
export class Sha256Meter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  private hex: string | null = null;

  override _transform(piece: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(piece);
    this.count += piece.length;
    callback(null, piece);
  }

  override _flush(callback: TransformCallback): void {
    this.hex = this.hash.digest('hex');
    callback();
  }

  get bytes(): number {
    return this.count;
  }

  /** The hex digest, once the stream ended. */
  get sha256(): string {
    if (this.hex === null) throw new Error('the stream has not ended');
    return this.hex;
  }
}

/**
 * Reads the first `n` bytes of a stream (fewer when it is shorter) and gives back a stream of the
 * whole content, those bytes first. Errors of the source reach the returned stream.
 */
export async function peek(source: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const pieces: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < n) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    pieces.push(next.value);
    length += next.value.length;
  }
  const first = Buffer.concat(pieces);
  async function* rest(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const stream = Readable.from(rest(), { objectMode: false });
  // Stopping early (a refusal) must release the source too.
  stream.once('close', () => {
    if (!source.destroyed && !source.readableEnded) source.destroy();
  });
  return { head: first.subarray(0, n), stream };
}
