/**
 * Bytes received in pieces, taken out in the sizes a reader needs without concatenating everything
 * received so far (each byte is copied at most once, when taken).
 */
export class ByteQueue {
  private readonly pieces: Buffer[] = [];
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.total += piece.length;
  }

  /** The first `n` bytes (n <= length), removed from the queue. */
  take(n: number): Buffer {
    if (n > this.total) throw new RangeError(`take(${n}) with ${this.total} bytes queued`);
    this.total -= n;
    if (this.pieces.length > 0 && this.pieces[0].length === n) return this.pieces.shift()!;
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const piece = this.pieces[0];
      const wanted = n - filled;
      if (piece.length <= wanted) {
        piece.copy(out, filled);
        filled += piece.length;
        this.pieces.shift();
      } else {
        piece.copy(out, filled, 0, wanted);
        this.pieces[0] = piece.subarray(wanted);
        filled += wanted;
      }
    }
    return out;
  }

  /** Everything queued, removed. */
  takeAll(): Buffer {
    return this.take(this.total);
  }
}
