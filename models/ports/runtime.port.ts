/** Time and randomness come through ports so that stage logic stays pure and testable. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A random UUID. */
  uuid(): string;
  /** `bytes` cryptographically random bytes. */
  randomBytes(bytes: number): Uint8Array;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
