/**
 * The closed set of errors. Each carries a machine-readable `code`, a Chinese message for the
 * people who read it, and whether a retry can help. They are translated once, at the edges:
 * the HTTP error handler maps `code` to a status, the stage worker maps `retryable` to backoff
 * and the rest to the dead-letter topic.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  BAD_MESSAGE: 422,
  DEPENDENCY_UNAVAILABLE: 503,
  INTERNAL: 500,
  FORBIDDEN: 403,
  CONFLICT: 409,
  /** The client sent its request too slowly (connection-level timeout). */
  REQUEST_TIMEOUT: 408,
  URI_TOO_LONG: 414,
  HEADERS_TOO_LARGE: 431,
  /** Start-up: a bad environment variable or a missing setting. Never reaches a client as such. */
  CONFIGURATION_INVALID: 500,
  /** A built or trained artifact (the embedding model, a trained parameter file, a page bundle) is missing or unreadable. */
  ARTIFACT_MISSING: 503,
  /** An adapter failed in a way a retry may mend (a rejected bulk write, an unexpected answer). */
  ADAPTER_FAILED: 502,
  /** Stored data the code cannot read (a sealed identity of an unknown format, a corrupt chain). */
  DATA_CORRUPT: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class XiansuoError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'XiansuoError';
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }

  toJSON(): { code: ErrorCode; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export class ValidationError extends XiansuoError {
  constructor(message: string, details?: unknown) {
    super('VALIDATION_FAILED', message, false, details);
  }
}

export class NotFoundError extends XiansuoError {
  constructor(message: string) {
    super('NOT_FOUND', message, false);
  }
}

export class UnauthorizedError extends XiansuoError {
  constructor(message = '未授权访问') {
    super('UNAUTHORIZED', message, false);
  }
}

/** A message a stage can never process, whatever the retries: it goes to the dead-letter topic. */
export class BadMessageError extends XiansuoError {
  constructor(message: string, details?: unknown) {
    super('BAD_MESSAGE', message, false, details);
  }
}

/** A service the stage needs is down or slow: retrying later can help. */
export class DependencyUnavailableError extends XiansuoError {
  constructor(message: string, details?: unknown) {
    super('DEPENDENCY_UNAVAILABLE', message, true, details);
  }
}

/** Why access was refused: what the console's audit trail records (never sent to the client). */
export interface Denial {
  readonly permission?: string;
  readonly rule?: string;
  /** Answered as this error instead (an out-of-province resource reads like an unknown one). */
  readonly concealedAs?: XiansuoError;
}

/** The caller is known but may not act on this resource (a role without the permission, another province). */
export class ForbiddenError extends XiansuoError {
  constructor(
    message = '无权执行此操作',
    readonly denial: Denial = {},
  ) {
    super('FORBIDDEN', message, false);
  }
}

/** The request contradicts the current state (a stale page: the lead has already left the cluster). */
export class ConflictError extends XiansuoError {
  constructor(message: string, details?: unknown) {
    super('CONFLICT', message, false, details);
  }
}

/** A bad or missing setting, found at start-up; every problem is listed. Messages are for operators (English). */
export class ConfigurationError extends XiansuoError {
  constructor(message: string, details?: unknown) {
    super('CONFIGURATION_INVALID', message, false, details);
  }
}

/** The embedding model, a trained parameter file or a page bundle is absent or unreadable: a set-up problem. */
export class ArtifactMissingError extends XiansuoError {
  constructor(message: string, details?: unknown) {
    super('ARTIFACT_MISSING', message, false, details);
  }
}

/** An adapter's call failed in a way that a few retries may mend. */
export class AdapterError extends XiansuoError {
  constructor(message: string, details?: unknown) {
    super('ADAPTER_FAILED', message, true, details);
  }
}

/** Stored data the code cannot read: never retried, always reported. */
export class DataCorruptError extends XiansuoError {
  constructor(message: string, details?: unknown) {
    super('DATA_CORRUPT', message, false, details);
  }
}

/** Every unknown throw goes through here once, so the rest of the code sees only XiansuoError. */
export function coerceError(error: unknown): XiansuoError {
  if (error instanceof XiansuoError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new XiansuoError('INTERNAL', `内部错误：${message}`, false);
}
