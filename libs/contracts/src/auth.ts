/** Staff and device identities. */

import type { LocalizedText } from './errors';

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
  /** Administrators sign in with a TOTP code; true once their authenticator app is enrolled. */
  secondFactorEnrolled: boolean;
}

/** The roles that must sign in with a second factor (TOTP); officers sign in with the password alone. */
export const SECOND_FACTOR_ROLES: readonly StaffRole[] = ['system_admin', 'site_admin', 'agency_admin'];

/** A session: the password was enough (an officer) or the second factor was given too. */
export interface LoginResponse {
  status: 'signed_in';
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
  user: StaffUserResponse;
}

/**
 * The password was right, but an administrator has no authenticator enrolled yet: POST
 * /auth/totp/enrolment with the token gives the secret, POST /auth/totp/enrolment/confirm with a
 * code from the app gives the session. The token is no session and expires after `expiresIn` s.
 */
export interface SecondFactorEnrolmentRequired {
  status: 'second_factor_enrolment_required';
  enrolmentToken: string;
  expiresIn: number;
  message: LocalizedText;
}

/** The password was right; an administrator's code comes next: POST /auth/totp/verify with the token and the code. */
export interface SecondFactorRequired {
  status: 'second_factor_required';
  challengeToken: string;
  expiresIn: number;
  message: LocalizedText;
}

/** What POST /auth/login answers to the right password. */
export type LoginResult = LoginResponse | SecondFactorEnrolmentRequired | SecondFactorRequired;

export interface TotpEnrolmentRequest {
  enrolmentToken: string;
}

/**
 * The shared secret, shown once per request: a new request makes a new secret and the one shown
 * before stops working. Never shown again once a code confirmed it.
 */
export interface TotpEnrolmentResponse {
  /** Base32, for typing into the app by hand. */
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as a QR code, a PNG data URL. */
  qrDataUrl: string;
  issuer: string;
  account: string;
  digits: number;
  periodSeconds: number;
}

export interface TotpConfirmRequest {
  enrolmentToken: string;
  /** Six digits from the authenticator app. */
  code: string;
}

export interface TotpVerifyRequest {
  challengeToken: string;
  code: string;
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
