import type { ComplaintLocation } from '@mpp/contracts';
import type { PiiCipher } from '../common/pii-cipher';

/**
 * A complaint's location (docs/complaints.md, Photos and location). A point a phone reports is
 * accurate to a few metres and is often the reporter's home, so it is personal data: kept
 * encrypted under DATA_KEY like the text, shown only to the reporter (with the secret) and to the
 * complaint's handlers, and handed to other systems only rounded (roundForExport).
 */
export function sealLocation(cipher: PiiCipher, location: ComplaintLocation | null | undefined): string | null {
  if (!location) return null;
  const stored: ComplaintLocation = { lat: location.lat, lng: location.lng, accuracyM: location.accuracyM ?? null, source: location.source };
  return cipher.encrypt(JSON.stringify(stored));
}

export function openLocation(cipher: PiiCipher, sealed: string | null): ComplaintLocation | null {
  if (!sealed) return null;
  const l = JSON.parse(cipher.decrypt(sealed)) as ComplaintLocation;
  return { lat: l.lat, lng: l.lng, accuracyM: l.accuracyM ?? null, source: l.source };
}

/** Decimal places of a coordinate handed to another system: 3, about 110 m of latitude (and of longitude near the equator). */
export const EXPORT_COORDINATE_DECIMALS = 3;

/** A coordinate rounded for the export: the neighbourhood, not the house. */
export function roundForExport(value: number): number {
  const factor = 10 ** EXPORT_COORDINATE_DECIMALS;
  return Math.round(value * factor) / factor;
}
