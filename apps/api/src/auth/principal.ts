import type { DeviceKind, StaffRole } from '@mpp/contracts';

/** Who is calling: a staff member (JWT) or a hall device (device token). */
export type Principal = StaffPrincipal | DevicePrincipal;

export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  role: StaffRole;
  siteId: string | null;
  agencyId: string | null;
  /** staff_user.session_version when authenticated (the token's `sv`). */
  sessionVersion: number;
}

export interface DevicePrincipal {
  kind: 'device';
  deviceId: string;
  deviceKind: DeviceKind;
  siteId: string;
  /** device.session_version when authenticated. */
  sessionVersion: number;
}

export interface JwtClaims {
  sub: string;
  role: StaffRole;
  site: string | null;
  agency: string | null;
  /** The account's session version at login; a token with another one is refused (SESSION_ENDED). */
  sv: number;
}

export const DEVICE_TOKEN_PREFIX = 'mppd_';
