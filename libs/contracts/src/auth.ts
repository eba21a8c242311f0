/** Staff and device identities. */

export const STAFF_ROLES = ['system_admin', 'site_admin', 'agency_admin', 'officer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const DEVICE_KINDS = ['kiosk', 'display'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export interface LoginRequest {
  email: string;
  password: string;
}

export interface StaffUserResponse {
  id: string;
  email: string;
  fullName: string;
  role: StaffRole;
  siteCode: string | null;
  agencyId: string | null;
  active: boolean;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
  user: StaffUserResponse;
}

export interface DeviceResponse {
  id: string;
  siteCode: string;
  name: string;
  kind: DeviceKind;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** Returned once, when the device is registered: the token is never shown again. */
export interface DeviceRegisteredResponse extends DeviceResponse {
  token: string;
}
