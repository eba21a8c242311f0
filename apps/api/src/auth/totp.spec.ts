import { base32Decode, base32Encode, checkTotp, hotp, otpauthUri, totpCode, totpStep, TOTP_STEP_SECONDS } from './totp';

/** RFC 6238 Appendix B: the seeds are these ASCII strings, the codes 8 digits long. */
const RFC6238 = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
} as const;
const VECTORS: Array<[number, string, string, string]> = [
  // [Unix time, SHA-1, SHA-256, SHA-512]
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];
/** RFC 4226 Appendix D: HOTP of the SHA-1 seed for counters 0 to 9, 6 digits. */
const RFC4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

describe('totp', () => {
  it.each(VECTORS)('should give RFC 6238 codes at %i s', (time, sha1, sha256, sha512) => {
    const step = totpStep(time * 1000);
    expect(hotp(RFC6238.sha1, step, 8, 'sha1')).toBe(sha1);
    expect(hotp(RFC6238.sha256, step, 8, 'sha256')).toBe(sha256);
    expect(hotp(RFC6238.sha512, step, 8, 'sha512')).toBe(sha512);
  });

  it('should give RFC 4226 HOTP values for counters 0 to 9', () => {
    expect(RFC4226.map((_, counter) => hotp(RFC6238.sha1, counter))).toEqual(RFC4226);
  });

  it('should read back what it encodes in base32, as typed with spaces and lower case', () => {
    const sut = base32Encode(RFC6238.sha1);
    expect(sut).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(sut.toLowerCase().replace(/(.{4})/g, '$1 '))).toEqual(RFC6238.sha1);
    expect(() => base32Decode('ABC1')).toThrow(/base32/);
  });

  describe(checkTotp.name, () => {
    const secret = base32Encode(RFC6238.sha1);
    const now = 1_111_111_111_000;
    const step = totpStep(now);

    it('should accept the current step and one either side, and say which step was used', () => {
      for (const offset of [-1, 0, 1]) {
        expect(checkTotp(secret, totpCode(secret, step + offset), now, null)).toEqual({ ok: true, step: step + offset });
      }
    });

    it('should refuse a code two steps away as wrong', () => {
      expect(checkTotp(secret, totpCode(secret, step - 2), now, null)).toEqual({ ok: false, reason: 'wrong' });
      expect(checkTotp(secret, totpCode(secret, step + 2), now, null)).toEqual({ ok: false, reason: 'wrong' });
    });

    it('should refuse a step at or before the last used one as used, and accept a later one', () => {
      expect(checkTotp(secret, totpCode(secret, step), now, step)).toEqual({ ok: false, reason: 'used' });
      expect(checkTotp(secret, totpCode(secret, step - 1), now, step)).toEqual({ ok: false, reason: 'used' });
      expect(checkTotp(secret, totpCode(secret, step + 1), now, step)).toEqual({ ok: true, step: step + 1 });
    });

    it('should refuse anything but six digits', () => {
      const code = totpCode(secret, step);
      for (const typed of [code.slice(1), `${code}0`, ` ${code}`, 'abcdef', '']) {
        expect(checkTotp(secret, typed, now, null)).toEqual({ ok: false, reason: 'wrong' });
      }
    });

    it('should move to the next step every 30 seconds', () => {
      expect(totpStep((step + 1) * TOTP_STEP_SECONDS * 1000 - 1)).toBe(step);
      expect(totpStep((step + 1) * TOTP_STEP_SECONDS * 1000)).toBe(step + 1);
    });
  });

  it('should build an otpauth URI that authenticator apps read', () => {
    const sut = new URL(otpauthUri('MPP Digital', 'admin@mpp.local', 'JBSWY3DPEHPK3PXP'));
    expect(sut.href.startsWith('otpauth://totp/MPP%20Digital:admin%40mpp.local?')).toBe(true);
    expect(Object.fromEntries(sut.searchParams)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'MPP Digital', algorithm: 'SHA1', digits: '6', period: '30' });
  });
});
