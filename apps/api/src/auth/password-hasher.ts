import * as argon2 from 'argon2';

/** argon2id with the library's defaults (OWASP-level memory cost). */
export const PasswordHasher = {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  },
  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password).catch(() => false);
  },
};

/** Verified against when the email is unknown, so both paths take as long. */
export const DUMMY_HASH_PROMISE = PasswordHasher.hash('mpp-digital-timing-equaliser');
