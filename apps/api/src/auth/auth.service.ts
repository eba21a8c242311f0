import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import {
  SECOND_FACTOR_ROLES,
  type LoginResponse,
  type LoginResult,
  type StaffUserResponse,
  type TotpEnrolmentResponse,
} from '@mpp/contracts';
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { Repository } from 'typeorm';
import { AuditLog } from '../common/audit-log';
import { PiiCipher } from '../common/pii-cipher';
import { ApiException } from '../common/errors/api-exception';
import { TtlCache } from '../common/ttl-cache';
import { isUuid } from '../common/pipes';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AUTH_MESSAGES } from './auth.messages';
import { DeviceEntity } from './entities/device.entity';
import { StaffUserEntity } from './entities/staff-user.entity';
import { DUMMY_HASH_PROMISE, PasswordHasher } from './password-hasher';
import { DEVICE_TOKEN_PREFIX, JwtClaims, Principal, StaffPrincipal } from './principal';
import { SECOND_FACTOR_MESSAGES } from './second-factor.messages';
import { checkTotp, newTotpSecret, otpauthUri, TOTP_DIGITS, TOTP_STEP_SECONDS } from './totp';
import { SessionEvents, type SessionRef } from './session-events';
import { SiteDirectory } from './site-directory';

/** How long the step between the password and the code may take (the enrolment or challenge token). */
export const SECOND_FACTOR_TOKEN_TTL_SECONDS = 300;
/** The name authenticator apps show beside the account. */
export const TOTP_ISSUER = 'MPP Digital';

type SecondFactorPurpose = 'totp_enrol' | 'totp_challenge';
/** The claims of an enrolment or challenge token: no role, no scope, never accepted as a session. */
interface SecondFactorClaims {
  sub: string;
  sv: number;
  typ: SecondFactorPurpose;
}

function needsSecondFactor(user: StaffUserEntity): boolean {
  return SECOND_FACTOR_ROLES.includes(user.role);
}

@Injectable()
export class AuthService {
  /**
   * Every request is authenticated; the user or device behind a token is read at most every few
   * seconds. A session that ends (SessionEvents: a device revoked, an account disabled, a
   * password changed) is forgotten at once here and, through PostgreSQL NOTIFY, in every other
   * process; a token newer than the cached row reads the row again.
   */
  private readonly usersById = new TtlCache<string, StaffUserEntity | null>(5_000);
  private readonly devicesByHash = new TtlCache<string, DeviceEntity | null>(5_000);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    @InjectRepository(StaffUserEntity) private readonly users: Repository<StaffUserEntity>,
    @InjectRepository(DeviceEntity) private readonly devices: Repository<DeviceEntity>,
    private readonly sites: SiteDirectory,
    private readonly cipher: PiiCipher,
    private readonly sessions: SessionEvents,
    private readonly audit: AuditLog,
  ) {
    sessions.onEnded((ref) => this.forget(ref));
    sessions.onGap(() => {
      this.usersById.clear();
      this.devicesByHash.clear();
    });
  }

  /**
   * The password step. Officers get their session; administrators never do here: they are sent on
   * to enrol an authenticator app or to type its code, with a short-lived token for that step.
   */
  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.users.findOneBy({ email: email.trim().toLowerCase() });
    const ok = user
      ? await PasswordHasher.verify(user.passwordHash, password)
      : await PasswordHasher.verify(await DUMMY_HASH_PROMISE, `${password}x`).then(() => false);
    if (!user || !ok) throw ApiException.unauthorized('WRONG_CREDENTIALS', AUTH_MESSAGES.wrongCredentials);
    if (!user.active) throw ApiException.unauthorized('ACCOUNT_DISABLED', AUTH_MESSAGES.inactiveAccount);
    if (!needsSecondFactor(user)) return this.startSession(user);
    if (!user.totpEnrolledAt) {
      return {
        status: 'second_factor_enrolment_required',
        enrolmentToken: await this.signSecondFactorToken(user, 'totp_enrol'),
        expiresIn: SECOND_FACTOR_TOKEN_TTL_SECONDS,
        message: SECOND_FACTOR_MESSAGES.enrolFirst,
      };
    }
    return {
      status: 'second_factor_required',
      challengeToken: await this.signSecondFactorToken(user, 'totp_challenge'),
      expiresIn: SECOND_FACTOR_TOKEN_TTL_SECONDS,
      message: SECOND_FACTOR_MESSAGES.codeRequired,
    };
  }

  /**
   * A new secret for an administrator who has none confirmed yet, stored encrypted (pending until a
   * code confirms it) and shown this once: asking again replaces it, so an earlier one stops working.
   */
  async startTotpEnrolment(enrolmentToken: string): Promise<TotpEnrolmentResponse> {
    const user = await this.userForSecondFactor(enrolmentToken, 'totp_enrol');
    if (user.totpEnrolledAt) throw ApiException.conflict('SECOND_FACTOR_ALREADY_ENROLLED', SECOND_FACTOR_MESSAGES.alreadyEnrolled);
    const secret = newTotpSecret();
    const stored = await this.users
      .createQueryBuilder()
      .update()
      .set({ totpSecretCipher: this.cipher.encrypt(secret), totpLastStep: null })
      .where('id = :id AND totp_enrolled_at IS NULL AND session_version = :sv', { id: user.id, sv: user.sessionVersion })
      .execute();
    if (!stored.affected) throw ApiException.conflict('SECOND_FACTOR_ALREADY_ENROLLED', SECOND_FACTOR_MESSAGES.alreadyEnrolled);
    const uri = otpauthUri(TOTP_ISSUER, user.email, secret);
    return {
      secret,
      otpauthUri: uri,
      qrDataUrl: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
      issuer: TOTP_ISSUER,
      account: user.email,
      digits: TOTP_DIGITS,
      periodSeconds: TOTP_STEP_SECONDS,
    };
  }

  /** The first code from the app confirms the pending secret and signs the administrator in. */
  async confirmTotpEnrolment(enrolmentToken: string, code: string): Promise<LoginResponse> {
    const user = await this.userForSecondFactor(enrolmentToken, 'totp_enrol');
    if (user.totpEnrolledAt) throw ApiException.conflict('SECOND_FACTOR_ALREADY_ENROLLED', SECOND_FACTOR_MESSAGES.alreadyEnrolled);
    if (!user.totpSecretCipher) throw ApiException.unprocessable('SECOND_FACTOR_NOT_STARTED', SECOND_FACTOR_MESSAGES.enrolmentNotStarted);
    const step = this.checkCode(user, code);
    // One statement: two confirmations at once, or a reset in between, cannot both win.
    const confirmed = await this.users
      .createQueryBuilder()
      .update()
      .set({ totpEnrolledAt: () => 'now()', totpLastStep: step })
      .where('id = :id AND totp_enrolled_at IS NULL AND totp_secret_cipher = :cipher AND session_version = :sv', {
        id: user.id,
        cipher: user.totpSecretCipher,
        sv: user.sessionVersion,
      })
      .execute();
    if (!confirmed.affected) throw ApiException.unauthorized('SECOND_FACTOR_CODE_USED', SECOND_FACTOR_MESSAGES.codeUsed);
    return this.startSession({ ...user, totpEnrolledAt: new Date(), totpLastStep: step });
  }

  /** The code of an enrolled administrator: accepted once (its time step is kept), then the session. */
  async verifyTotp(challengeToken: string, code: string): Promise<LoginResponse> {
    const user = await this.userForSecondFactor(challengeToken, 'totp_challenge');
    if (!user.totpEnrolledAt || !user.totpSecretCipher) {
      // Reset since the password was typed: the session version changed too, so this is rare.
      throw ApiException.unauthorized('SECOND_FACTOR_TOKEN_INVALID', SECOND_FACTOR_MESSAGES.tokenInvalid);
    }
    const step = this.checkCode(user, code);
    // The step is taken in one statement: the same code sent twice at once signs in once.
    const taken = await this.users
      .createQueryBuilder()
      .update()
      .set({ totpLastStep: step })
      .where('id = :id AND totp_enrolled_at IS NOT NULL AND session_version = :sv AND (totp_last_step IS NULL OR totp_last_step < :step)', {
        id: user.id,
        sv: user.sessionVersion,
        step,
      })
      .execute();
    if (!taken.affected) throw ApiException.unauthorized('SECOND_FACTOR_CODE_USED', SECOND_FACTOR_MESSAGES.codeUsed);
    return this.startSession(user);
  }

  /**
   * Clears another administrator's second factor (a lost phone): they enrol again at their next
   * sign-in, and every session of theirs ends. System admins: any administrator; site admins: the
   * agency admins of their site (the roles they manage).
   */
  async resetSecondFactor(staff: StaffPrincipal, userId: string): Promise<StaffUserResponse> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw ApiException.notFound('USER_NOT_FOUND', { id: 'Akun petugas tidak ditemukan.', en: 'Staff account not found.' });
    const inScope =
      staff.role === 'system_admin' || (staff.role === 'site_admin' && user.role === 'agency_admin' && user.siteId === staff.siteId);
    if (!inScope) {
      throw ApiException.forbidden(
        staff.role === 'site_admin' && user.siteId === staff.siteId ? 'WRONG_ROLE' : 'OTHER_SITE',
        staff.role === 'site_admin' && user.siteId === staff.siteId ? SECOND_FACTOR_MESSAGES.resetWrongRole : AUTH_MESSAGES.otherSite,
      );
    }
    if (user.id === staff.userId) throw ApiException.unprocessable('CANNOT_RESET_OWN_SECOND_FACTOR', SECOND_FACTOR_MESSAGES.resetSelf);
    if (!needsSecondFactor(user)) throw ApiException.unprocessable('NO_SECOND_FACTOR', SECOND_FACTOR_MESSAGES.resetNotAdmin);
    // One statement: the secret and every session go together, with the audit row in the same transaction.
    const row = await this.users.manager.transaction(async (tx) => {
      const [rows] = (await tx.query(
        `UPDATE staff_user SET totp_secret_cipher = NULL, totp_enrolled_at = NULL, totp_last_step = NULL,
           session_version = session_version + 1, updated_at = now()
         WHERE id = $1 RETURNING session_version`,
        [user.id],
      )) as [Array<{ session_version: number }>, number];
      await this.audit.record(tx, {
        actor: staff,
        action: 'staff_user.second_factor_reset',
        entityType: 'staff_user',
        entityId: user.id,
        siteId: user.siteId,
        agencyId: user.agencyId,
        entityLabel: user.email,
        before: { secondFactorEnrolled: user.totpEnrolledAt !== null },
        after: { secondFactorEnrolled: false },
      });
      return rows[0];
    });
    // Ended: the cached row and the open sockets, in every process, at once.
    await this.sessions.end({ kind: 'staff', id: user.id });
    return this.toStaffUserResponse({ ...user, totpSecretCipher: null, totpEnrolledAt: null, totpLastStep: null, sessionVersion: row!.session_version });
  }

  private async startSession(user: StaffUserEntity): Promise<LoginResponse> {
    await this.users.update({ id: user.id }, { lastLoginAt: new Date() });
    const claims: JwtClaims = { sub: user.id, role: user.role, site: user.siteId, agency: user.agencyId, sv: user.sessionVersion };
    return {
      status: 'signed_in',
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
      user: await this.toStaffUserResponse(user),
    };
  }

  private signSecondFactorToken(user: StaffUserEntity, typ: SecondFactorPurpose): Promise<string> {
    const claims: SecondFactorClaims = { sub: user.id, sv: user.sessionVersion, typ };
    return this.jwt.signAsync(claims, { expiresIn: SECOND_FACTOR_TOKEN_TTL_SECONDS });
  }

  /** The account behind an enrolment or challenge token, still active at the same session version. */
  private async userForSecondFactor(token: string, typ: SecondFactorPurpose): Promise<StaffUserEntity> {
    let claims: Partial<SecondFactorClaims>;
    try {
      claims = await this.jwt.verifyAsync<SecondFactorClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) throw ApiException.unauthorized('SECOND_FACTOR_TOKEN_EXPIRED', SECOND_FACTOR_MESSAGES.tokenExpired);
      throw ApiException.unauthorized('SECOND_FACTOR_TOKEN_INVALID', SECOND_FACTOR_MESSAGES.tokenInvalid);
    }
    if (claims.typ !== typ || typeof claims.sub !== 'string' || !isUuid(claims.sub)) {
      throw ApiException.unauthorized('SECOND_FACTOR_TOKEN_INVALID', SECOND_FACTOR_MESSAGES.tokenInvalid);
    }
    const user = await this.users.findOneBy({ id: claims.sub });
    if (!user || user.sessionVersion !== claims.sv || !needsSecondFactor(user)) {
      throw ApiException.unauthorized('SECOND_FACTOR_TOKEN_INVALID', SECOND_FACTOR_MESSAGES.tokenInvalid);
    }
    if (!user.active) throw ApiException.unauthorized('ACCOUNT_DISABLED', AUTH_MESSAGES.inactiveAccount);
    return user;
  }

  /** The time step the code belongs to, or a refusal a person can act on. TOTP follows the wall clock, as the phone does. */
  private checkCode(user: StaffUserEntity, code: string): number {
    const check = checkTotp(this.cipher.decrypt(user.totpSecretCipher!), code, Date.now(), user.totpLastStep);
    if (check.ok) return check.step;
    if (check.reason === 'used') throw ApiException.unauthorized('SECOND_FACTOR_CODE_USED', SECOND_FACTOR_MESSAGES.codeUsed);
    throw ApiException.unauthorized('SECOND_FACTOR_WRONG_CODE', SECOND_FACTOR_MESSAGES.wrongCode);
  }

  async authenticate(token: string): Promise<Principal> {
    if (token.startsWith(DEVICE_TOKEN_PREFIX)) return this.authenticateDevice(token);
    let claims: JwtClaims;
    try {
      claims = await this.jwt.verifyAsync<JwtClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) throw ApiException.unauthorized('TOKEN_EXPIRED', AUTH_MESSAGES.expiredToken);
      throw ApiException.unauthorized('INVALID_TOKEN', AUTH_MESSAGES.invalidToken);
    }
    // Signed with our secret but not a session we issue (its sub is a user's id; an enrolment or
    // challenge token carries `typ`): not signed in.
    if (!isUuid(claims.sub) || 'typ' in claims) throw ApiException.unauthorized('INVALID_TOKEN', AUTH_MESSAGES.invalidToken);
    // Role and scope come from the database, so a change or a disabled account applies at once.
    const load = () => this.users.findOneBy({ id: claims.sub });
    let user = await this.usersById.get(claims.sub, load);
    if (user && typeof claims.sv === 'number' && claims.sv > user.sessionVersion) {
      // Issued after the cached row was read (a login in another process): read it again.
      this.usersById.delete(claims.sub);
      user = await this.usersById.get(claims.sub, load);
    }
    if (!user) throw ApiException.unauthorized('INVALID_TOKEN', AUTH_MESSAGES.invalidToken);
    if (!user.active) throw ApiException.unauthorized('ACCOUNT_DISABLED', AUTH_MESSAGES.inactiveAccount);
    if (claims.sv !== user.sessionVersion) throw ApiException.unauthorized('SESSION_ENDED', AUTH_MESSAGES.sessionEnded);
    return { kind: 'staff', userId: user.id, role: user.role, siteId: user.siteId, agencyId: user.agencyId, sessionVersion: user.sessionVersion };
  }

  private async authenticateDevice(token: string): Promise<Principal> {
    const hash = hashDeviceToken(token);
    const device = await this.devicesByHash.get(hash, () => this.devices.findOneBy({ tokenHash: hash }));
    if (!device) throw ApiException.unauthorized('INVALID_TOKEN', AUTH_MESSAGES.invalidToken);
    if (device.revokedAt) throw ApiException.unauthorized('DEVICE_REVOKED', AUTH_MESSAGES.revokedDevice);
    const now = new Date();
    if (!device.lastSeenAt || now.getTime() - device.lastSeenAt.getTime() > 60_000) {
      device.lastSeenAt = now;
      await this.devices.update({ id: device.id }, { lastSeenAt: now });
    }
    return { kind: 'device', deviceId: device.id, deviceKind: device.kind, siteId: device.siteId, sessionVersion: device.sessionVersion };
  }

  /**
   * Whether a principal authenticated earlier (an open socket's) is still signed in, read from the
   * database past the cache: the account active or the device not revoked, at the same session version.
   */
  async isCurrent(principal: Principal): Promise<boolean> {
    if (principal.kind === 'staff') {
      const user = await this.users.findOne({ where: { id: principal.userId }, select: { id: true, active: true, sessionVersion: true } });
      return !!user && user.active && user.sessionVersion === principal.sessionVersion;
    }
    const device = await this.devices.findOne({ where: { id: principal.deviceId }, select: { id: true, revokedAt: true, sessionVersion: true } });
    return !!device && !device.revokedAt && device.sessionVersion === principal.sessionVersion;
  }

  /** A change that ends no session (the name): read the row again on its next use here. */
  forgetUser(id: string): void {
    this.usersById.delete(id);
  }

  /** A session ended: the row is read again on its next use. Devices are cached by token hash, so all are. */
  private forget(ref: SessionRef): void {
    if (ref.kind === 'staff') this.usersById.delete(ref.id);
    else this.devicesByHash.clear();
  }

  async me(userId: string): Promise<StaffUserResponse> {
    const user = await this.users.findOneByOrFail({ id: userId });
    return this.toStaffUserResponse(user);
  }

  async toStaffUserResponse(user: StaffUserEntity): Promise<StaffUserResponse> {
    const site = user.siteId ? await this.sites.findSiteById(user.siteId) : null;
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      role: user.role,
      siteCode: site?.code ?? null,
      agencyId: user.agencyId,
      active: user.active,
      secondFactorEnrolled: user.totpEnrolledAt !== null,
    };
  }
}

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
