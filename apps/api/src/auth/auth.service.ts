import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { LoginResponse, StaffUserResponse } from '@mpp/contracts';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { ApiException } from '../common/errors/api-exception';
import { TtlCache } from '../common/ttl-cache';
import { isUuid } from '../common/pipes';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AUTH_MESSAGES } from './auth.messages';
import { DeviceEntity } from './entities/device.entity';
import { StaffUserEntity } from './entities/staff-user.entity';
import { DUMMY_HASH_PROMISE, PasswordHasher } from './password-hasher';
import { DEVICE_TOKEN_PREFIX, JwtClaims, Principal } from './principal';
import { SessionEvents, type SessionRef } from './session-events';
import { SiteDirectory } from './site-directory';

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
    sessions: SessionEvents,
  ) {
    sessions.onEnded((ref) => this.forget(ref));
    sessions.onGap(() => {
      this.usersById.clear();
      this.devicesByHash.clear();
    });
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findOneBy({ email: email.trim().toLowerCase() });
    const ok = user
      ? await PasswordHasher.verify(user.passwordHash, password)
      : await PasswordHasher.verify(await DUMMY_HASH_PROMISE, `${password}x`).then(() => false);
    if (!user || !ok) throw ApiException.unauthorized('WRONG_CREDENTIALS', AUTH_MESSAGES.wrongCredentials);
    if (!user.active) throw ApiException.unauthorized('ACCOUNT_DISABLED', AUTH_MESSAGES.inactiveAccount);
    await this.users.update({ id: user.id }, { lastLoginAt: new Date() });
    const claims: JwtClaims = { sub: user.id, role: user.role, site: user.siteId, agency: user.agencyId, sv: user.sessionVersion };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
      user: await this.toStaffUserResponse(user),
    };
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
    // Signed with our secret but not a token we issue (its sub is a user's id): not signed in.
    if (!isUuid(claims.sub)) throw ApiException.unauthorized('INVALID_TOKEN', AUTH_MESSAGES.invalidToken);
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
    };
  }
}

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
