/**
 * A fresh Indonesian mobile number on every call, so each test signs in as its own citizen (the
 * sign-in limits count per recipient): `0812-<block><serial>` as the citizen types it, and the
 * E.164 form the API keeps. Give each spec file its own block and first serial (6 digits), so
 * two files never share a number in one database.
 */
export function mobileNumbers(block: string, firstSerial: number): () => { typed: string; e164: string } {
  let serial = firstSerial;
  return () => {
    serial += 1;
    const digits = String(serial);
    return { typed: `0812-${block}${digits.slice(0, 2)}-${digits.slice(2)}`, e164: `+62812${block}${digits}` };
  };
}
