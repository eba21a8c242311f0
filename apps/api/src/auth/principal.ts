import type { DeviceKind, StaffRole } from '@mpp/contracts';

/** Who is calling: a staff member (JWT) or a hall device (device token). */
export type Principal = StaffPrincipal | DevicePrincipal;

export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  role: StaffRole;
  siteId: string | null;
  agencyId: string | null;
}

export interface DevicePrincipal {
  kind: 'device';
  deviceId: string;
  deviceKind: DeviceKind;
  siteId: string;
}

export interface JwtClaims {
  sub: string;
  role: StaffRole;
  site: string | null;
  agency: string | null;
}

export const DEVICE_TOKEN_PREFIX = 'mppd_';
