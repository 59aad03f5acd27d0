/** Every error code the service can answer with, and the HTTP status it becomes. */
export const errorStatus = {
  BAD_JSON: 400,
  BAD_XML: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  CASE_ALREADY_CLOSED: 409,
  MESSAGE_IN_PROGRESS: 409,
  ALREADY_RATED: 409,
  NOT_CONFIGURED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UPSTREAM_REFUSED: 502,
  UNAVAILABLE: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export class AppError extends Error {
  override name = 'AppError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }

  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code]
  }
}
