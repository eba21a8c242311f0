/** Every error the API returns has this shape: a message people can act on, in both languages. */

export interface LocalizedText {
  id: string;
  en: string;
}

export interface FieldError {
  /** Dotted path of the offending field, e.g. "requirements.0.name". */
  field: string;
  message: LocalizedText;
}

export interface ApiError {
  statusCode: number;
  /** Stable machine-readable code, e.g. "VALIDATION_FAILED", "SERVICE_NOT_FOUND". */
  code: string;
  message: LocalizedText;
  fields?: FieldError[];
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  database: {
    status: 'up' | 'down';
    embedded: boolean;
    latencyMs: number | null;
    pendingMigrations: number | null;
    /** When down: a fixed text in both languages. The cause is only in the server's log. */
    message?: LocalizedText;
  };
}

/**
 * GET /api/health/ready: whether this process takes traffic. 200 `ready`; 503 `draining` once it
 * has been asked to stop (a balancer sends new requests elsewhere), or `unavailable` while its
 * database cannot be reached. GET /api/health stays the liveness check.
 */
export interface ReadinessResponse {
  status: 'ready' | 'draining' | 'unavailable';
  /** Not asked while draining. */
  database: 'up' | 'down' | null;
  /** When not ready: why, in both languages. */
  message?: LocalizedText;
}
