/**
 * The manage token from the booking's link, `/pemesanan/{code}#k={token}`. It rides in the URL
 * fragment, which the browser never sends to a server (so no access log, proxy or Referer sees
 * it); null when the link has none (a booking made before manage tokens).
 */
export function manageTokenFromFragment(fragment: string | null | undefined): string | null {
  if (!fragment) return null;
  const token = new URLSearchParams(fragment.replace(/^#/, '')).get('k')?.trim();
  return token ? token : null;
}

/** A NIK as typed ("5371 0101 9000 0001"): digits only, for the proof of an older booking. */
export function normalizeNikInput(value: string): string {
  return value.replace(/[\s.-]/g, '');
}
