import { randomToken } from './random-token';

describe('randomToken', () => {
  it('gives codes of the asked length in base64url', () => {
    expect(randomToken(12)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(randomToken(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('never hands out the same bytes twice, across many refills of its pool', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => randomToken(12)));
    expect(codes.size).toBe(5000);
  });

  it('refuses more bytes than its pool holds', () => {
    expect(() => randomToken(4097)).toThrow(RangeError);
  });
});
