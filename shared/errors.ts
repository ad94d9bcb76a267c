/** Error codes that cross the IPC boundary. A business owner sees `message`; code is for the UI's logic. */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_channel'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'provider_error'
  | 'database_too_new'
  | 'database_error'
  /** A PostgreSQL database was named, and this version cannot run on one yet (issue 20). */
  | 'team_mode_unavailable'
  | 'secret_unavailable'
  | 'cancelled'
  | 'internal';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

/** A failure we expect and can explain. Thrown inside the core; turned into `{ ok: false, error }` at boundaries. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}

export function isAppError(e: unknown): e is AppError {
  return (
    e instanceof AppError ||
    (typeof e === 'object' &&
      e !== null &&
      (e as { name?: string }).name === 'AppError' &&
      typeof (e as { code?: unknown }).code === 'string')
  );
}
