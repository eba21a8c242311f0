import { Injectable } from '@nestjs/common';
import type { AuditAction, AuditEntityType, AuditFields, StaffRole } from '@mpp/contracts';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * The administrative audit log's writer (issue 15; the table is admin_audit, migration
 * AddAdminAudit, its search in apps/api/src/audit/). It lives in common/ because every admin
 * service records into it, auth's included, and audit/ (the search) uses auth's guards: the
 * writer imports no feature folder, so no folder imports another back.
 *
 * A change and its audit row are one transaction: `record` is given the caller's transaction's
 * EntityManager, so both commit together or not at all.
 */

/** Who changed it: a staff member (StaffPrincipal has these fields). */
export interface AuditActor {
  userId: string;
  role: StaffRole;
}

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  /** The scope the change belongs to (who may read it): null for what only system admins see. */
  siteId: string | null;
  agencyId: string | null;
  entityLabel?: string | null;
  /** The record's fields before and after (snapshots or just the changed ones): only the changed fields are kept. */
  before: AuditFields | null;
  after: AuditFields | null;
}

/** The HTTP request a change came through (set by AuditModule's middleware), read when a change is recorded. */
export interface AuditRequestContext {
  /** The request's X-Request-Id as answered (set by the request logging). */
  requestId(): string | null;
  /** The caller's address (Express's req.ip, which follows TRUST_PROXY). */
  ip(): string | null;
}

export const auditRequestContext = new AsyncLocalStorage<AuditRequestContext>();

/**
 * Field names that are never written to the log, at any depth, whatever the caller passed:
 * password hashes, device tokens, second-factor secrets. A password change is recorded as
 * `passwordChanged: true`.
 */
const SECRET_KEYS = new Set(['password', 'passwordhash', 'token', 'tokenhash', 'totpsecret', 'secret', 'recoverycodes', 'sessionversion']);

function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[_-]/g, '');
  return SECRET_KEYS.has(k) || k.endsWith('secret') || k.endsWith('hash') || k.endsWith('cipher');
}

/** A JSON-safe copy without secret fields; Dates as ISO strings, undefined dropped. */
export function auditValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(auditValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (child === undefined || isSecretKey(key)) continue;
      out[key] = auditValue(child);
    }
    return out;
  }
  return value;
}

/** The listed fields of a record, as the log keeps them. */
export function auditSnapshot<T extends object>(record: T, keys: readonly (keyof T & string)[]): AuditFields {
  const out: AuditFields = {};
  for (const key of keys) out[key] = record[key] === undefined ? null : record[key];
  return auditValue(out) as AuditFields;
}

/**
 * Only what changed between two snapshots: the keys whose JSON values differ, each side's value
 * (a key missing on one side is null there). A creation (before null) or removal (after null)
 * keeps the other side whole.
 */
export function auditChanges(before: AuditFields | null, after: AuditFields | null): { before: AuditFields | null; after: AuditFields | null } {
  const b = before === null ? null : (auditValue(before) as AuditFields);
  const a = after === null ? null : (auditValue(after) as AuditFields);
  if (b === null || a === null) return { before: b, after: a };
  const changedBefore: AuditFields = {};
  const changedAfter: AuditFields = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (JSON.stringify(b[key] ?? null) === JSON.stringify(a[key] ?? null)) continue;
    changedBefore[key] = b[key] ?? null;
    changedAfter[key] = a[key] ?? null;
  }
  return { before: changedBefore, after: changedAfter };
}

/** Whether two snapshots differ in any field. */
export function auditHasChanges(before: AuditFields | null, after: AuditFields | null): boolean {
  const { before: b, after: a } = auditChanges(before, after);
  return b === null || a === null || Object.keys(a).length > 0;
}

@Injectable()
export class AuditLog {
  /**
   * Writes one audit row in the caller's transaction (`manager` is the transaction's). A change
   * that leaves every field as it was is still recorded (someone saved it), with empty before/after.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      // A row written outside the change's transaction could outlive a rolled-back change.
      throw new Error(`AuditLog.record(${entry.action}) needs the change's transaction`);
    }
    const { before, after } = auditChanges(entry.before, entry.after);
    const request = auditRequestContext.getStore();
    await manager.query(
      `INSERT INTO admin_audit (actor_id, actor_role, site_id, agency_id, action, entity_type, entity_id, entity_label, before, after, request_id, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12)`,
      [
        entry.actor.userId,
        entry.actor.role,
        entry.siteId,
        entry.agencyId,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.entityLabel?.slice(0, 300) ?? null,
        before === null ? null : JSON.stringify(before),
        after === null ? null : JSON.stringify(after),
        request?.requestId()?.slice(0, 128) ?? null,
        request?.ip()?.slice(0, 64) ?? null,
      ],
    );
  }
}
