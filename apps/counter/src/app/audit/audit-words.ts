import type { AuditAction, AuditEntityType, AuditEntryResponse, StaffRole } from '@mpp/contracts';

/* The audit log's words and its diff, without Angular (the browser spec reads them too). */

/** Each audited action in words (Indonesian): every action of the contract has one (the type checks it). */
export const ACTIONS_ID: Record<AuditAction, string> = {
  'site.create': 'MPP dibuat',
  'site.update': 'MPP diubah',
  'site.retire': 'MPP dinonaktifkan',
  'site.queue_policy': 'Kebijakan antrean diubah',
  'site.booking_policy': 'Kebijakan pemesanan diubah',
  'site.online_ticket_policy': 'Batas tiket dari rumah diubah',
  'site.push_settings': 'Pengaturan notifikasi diubah',
  'site.red_flag_settings': 'Ambang tanda bahaya diubah',
  'site_closure.add': 'Hari tutup MPP ditambahkan',
  'site_closure.remove': 'Hari tutup MPP dihapus',
  'national_calendar_day.add': 'Hari kalender nasional ditambahkan',
  'national_calendar_day.remove': 'Hari kalender nasional dihapus',
  'agency.create': 'Instansi dibuat',
  'agency.update': 'Instansi diubah',
  'agency.retire': 'Instansi dinonaktifkan',
  'service.create': 'Layanan dibuat',
  'service.update': 'Layanan diubah',
  'service.retire': 'Layanan dinonaktifkan',
  'counter.create': 'Loket dibuat',
  'counter.update': 'Loket diubah',
  'counter.retire': 'Loket dihentikan',
  'staff_user.create': 'Akun petugas dibuat',
  'staff_user.update': 'Akun petugas diubah',
  'staff_user.password_reset': 'Kata sandi petugas diganti',
  'staff_user.disable': 'Akun petugas dinonaktifkan',
  'staff_user.enable': 'Akun petugas diaktifkan',
  'staff_user.second_factor_reset': 'Faktor kedua petugas direset',
  'device.register': 'Perangkat didaftarkan',
  'device.revoke': 'Perangkat dicabut',
  'site.complaint_settings': 'Pengaturan pengaduan diubah',
  'complaint.step': 'Status pengaduan diubah',
  'complaint.assign': 'Pengaduan ditugaskan',
  'complaint.reroute': 'Pengaduan dialihkan',
  'complaint.merge': 'Pengaduan digabung',
};

export const ACTIONS_EN: Record<AuditAction, string> = {
  'site.create': 'MPP created',
  'site.update': 'MPP changed',
  'site.retire': 'MPP retired',
  'site.queue_policy': 'Queue policy changed',
  'site.booking_policy': 'Booking policy changed',
  'site.online_ticket_policy': 'Ticket-from-home limits changed',
  'site.push_settings': 'Notification settings changed',
  'site.red_flag_settings': 'Red flag thresholds changed',
  'site_closure.add': 'MPP closure day added',
  'site_closure.remove': 'MPP closure day removed',
  'national_calendar_day.add': 'National calendar day added',
  'national_calendar_day.remove': 'National calendar day removed',
  'agency.create': 'Agency created',
  'agency.update': 'Agency changed',
  'agency.retire': 'Agency retired',
  'service.create': 'Service created',
  'service.update': 'Service changed',
  'service.retire': 'Service retired',
  'counter.create': 'Counter created',
  'counter.update': 'Counter changed',
  'counter.retire': 'Counter retired',
  'staff_user.create': 'Staff account created',
  'staff_user.update': 'Staff account changed',
  'staff_user.password_reset': "Staff member's password replaced",
  'staff_user.disable': 'Staff account disabled',
  'staff_user.enable': 'Staff account enabled',
  'staff_user.second_factor_reset': "Staff member's second factor reset",
  'device.register': 'Device registered',
  'device.revoke': 'Device revoked',
  'site.complaint_settings': 'Complaint settings changed',
  'complaint.step': 'Complaint status changed',
  'complaint.assign': 'Complaint assigned',
  'complaint.reroute': 'Complaint re-routed',
  'complaint.merge': 'Complaint merged',
};

export const ENTITIES_ID: Record<AuditEntityType, string> = {
  site: 'MPP',
  site_closure: 'Hari tutup MPP',
  national_calendar_day: 'Kalender nasional',
  agency: 'Instansi',
  service: 'Layanan',
  counter: 'Loket',
  staff_user: 'Akun petugas',
  device: 'Perangkat',
  complaint: 'Pengaduan',
};

export const ENTITIES_EN: Record<AuditEntityType, string> = {
  site: 'MPP',
  site_closure: 'MPP closure day',
  national_calendar_day: 'National calendar',
  agency: 'Agency',
  service: 'Service',
  counter: 'Counter',
  staff_user: 'Staff account',
  device: 'Device',
  complaint: 'Complaint',
};

/** A staff role in words, as the row's "who" shows it. */
export const ROLES_ID: Record<StaffRole, string> = { system_admin: 'Admin sistem', site_admin: 'Admin MPP', agency_admin: 'Admin instansi', officer: 'Petugas' };
export const ROLES_EN: Record<StaffRole, string> = { system_admin: 'System admin', site_admin: 'MPP admin', agency_admin: 'Agency admin', officer: 'Officer' };

/** One changed field of a row, as the diff table shows it. */
export interface AuditDiffLine {
  field: string;
  before: string | null;
  after: string | null;
}

/** A value as text: strings as they are, everything else as JSON; absent is null. */
function shown(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields of before and after, in the order they first appear. */
export function auditDiff(entry: Pick<AuditEntryResponse, 'before' | 'after'>): AuditDiffLine[] {
  const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  return fields.map((field) => ({ field, before: shown(entry.before?.[field]), after: shown(entry.after?.[field]) }));
}
