import type { ComplaintAnonymityName, ComplaintKindName, ComplaintLocation, ComplaintReferenceKind, ComplaintSubjectName } from '@mpp/contracts';
import { COMPLAINT_MAX_PHOTOS, COMPLAINT_PHOTO_MAX_BYTES } from '@mpp/contracts';
import { COMPLAINT_TEXT_MAX } from '@mpp/domain';

/** What the form offers, in its order. */
export const KINDS: readonly ComplaintKindName[] = ['complaint', 'consultation'];
export const SUBJECTS: readonly ComplaintSubjectName[] = ['service', 'agency', 'officer_conduct', 'facilities'];
export const ANONYMITIES: readonly ComplaintAnonymityName[] = ['named', 'confidential', 'anonymous'];
export const REFERENCE_KINDS: readonly ComplaintReferenceKind[] = ['ticket', 'application', 'booking'];
export const TEXT_MIN = 10;
export const TEXT_MAX = COMPLAINT_TEXT_MAX;
export const MAX_PHOTOS = COMPLAINT_MAX_PHOTOS;
export const PHOTO_MAX_BYTES = COMPLAINT_PHOTO_MAX_BYTES;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'];

/** The reference's code as the API takes it (`^[A-Za-z0-9-]{2,16}$`). */
export const REFERENCE_CODE = /^[A-Za-z0-9-]{2,16}$/;
/** A plain check of the shape; the API checks it again (isEmail). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `?ref=ticket:A012` → the reference, or null when it does not read. */
export function parseReference(value: string | null | undefined): { kind: ComplaintReferenceKind; code: string } | null {
  const match = /^(ticket|application|booking):([A-Za-z0-9-]{2,16})$/.exec(value?.trim() ?? '');
  return match ? { kind: match[1] as ComplaintReferenceKind, code: match[2] } : null;
}

/** The typed coordinates as a location, null when empty, 'bad' when they do not read. */
export function readLocation(lat: string, lng: string, source: ComplaintLocation['source'], accuracyM: number | null): ComplaintLocation | null | 'bad' {
  if (!lat.trim() && !lng.trim()) return null;
  const a = Number(lat.trim().replace(',', '.'));
  const b = Number(lng.trim().replace(',', '.'));
  if (!lat.trim() || !lng.trim() || !Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a) > 90 || Math.abs(b) > 180) return 'bad';
  return { lat: a, lng: b, source, ...(source === 'device' && accuracyM !== null ? { accuracyM } : {}) };
}

/** "1,2 MB" / "340 kB" in the page's language. */
export function formatBytes(bytes: number, lang: 'id' | 'en'): string {
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  if (bytes >= 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)))} kB`;
}

/** An OpenStreetMap link to a point (opened by the citizen only; no map tiles in the app). */
export function osmLink(lat: number, lng: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat.toFixed(6)}&mlon=${lng.toFixed(6)}#map=18/${lat.toFixed(6)}/${lng.toFixed(6)}`;
}
