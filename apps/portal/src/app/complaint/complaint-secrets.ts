import { readStorage, writeStorage } from '@mpp/ui';

/**
 * The code and the secret of the complaint just filed, kept for this tab only (sessionStorage,
 * `mpp.complaint.last`) so "Lacak pengaduan" opens it without typing; never in a URL, a link, the
 * local storage or a log. Gone when the tab closes: the citizen keeps the secret (copied or saved).
 */
const KEY = 'mpp.complaint.last';

export interface ComplaintProof {
  code: string;
  secret: string;
}

export function keepComplaintProof(proof: ComplaintProof): void {
  writeStorage('session', KEY, JSON.stringify(proof));
}

export function readComplaintProof(): ComplaintProof | null {
  const raw = readStorage('session', KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<ComplaintProof>;
    return typeof value.code === 'string' && typeof value.secret === 'string' ? { code: value.code, secret: value.secret } : null;
  } catch {
    return null;
  }
}

export function forgetComplaintProof(): void {
  writeStorage('session', KEY, null);
}
