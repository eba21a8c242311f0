import { QueryFailedError } from 'typeorm';

/** PostgreSQL's error code and constraint, whether TypeORM wrapped the error or pg threw it directly. */
export function pgErrorOf(error: unknown): { code: string; constraint?: string } | null {
  const raw = error instanceof QueryFailedError ? (error as QueryFailedError & { driverError?: unknown }).driverError : error;
  if (raw && typeof raw === 'object' && 'code' in raw && typeof (raw as { code: unknown }).code === 'string' && 'severity' in raw) {
    const { code, constraint } = raw as { code: string; constraint?: string };
    return { code, constraint };
  }
  return null;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgErrorOf(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}
