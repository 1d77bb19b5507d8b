import * as z from 'zod/mini';

/**
 * Every error code a screen can meet, with the HTTP status a backend answers it with.
 * Seed codes first, then the platform's public codes, then the kit's own.
 */
export const errorStatus = {
  // seed 001
  INVALID_OT_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  USER_NOT_FOUND: 404,
  // public notes
  MISSING_REQUIRED_PARAMETER: 400,
  CH_CLIENT_AUTH_FAILURE: 403,
  CH_INSUFFICIENT_PERMISSIONS: 403,
  CID_TOKEN_EXPIRED: 410,
  CID_NON_EXISTED_TOKEN: 417,
  // the kit's own
  INVALID_REQUEST: 400,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  MODULE_DISABLED: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  DUPLICATE_SUBMISSION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FILE: 415,
  VALIDATION_FAILED: 422,
  LIMIT_EXCEEDED: 422,
  INSUFFICIENT_FUNDS: 422,
  RATE_LIMITED: 429,
  SERVER_ERROR: 500,
  PLATFORM_UNAVAILABLE: 502,
  TIMEOUT: 504,
  NETWORK_ERROR: 0,
  UNKNOWN_ERROR: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];
export const seedErrorCodes = ['INVALID_OT_TOKEN', 'TOKEN_EXPIRED', 'USER_NOT_FOUND'] as const;
export const publicErrorCodes = [
  'MISSING_REQUIRED_PARAMETER',
  'CH_CLIENT_AUTH_FAILURE',
  'CH_INSUFFICIENT_PERMISSIONS',
  'CID_TOKEN_EXPIRED',
  'CID_NON_EXISTED_TOKEN',
] as const;

/** Codes a retry of the same call may cure; the screen offers "Try again" and keeps what the user typed. */
export const retryableCodes: readonly ErrorCode[] = [
  'NETWORK_ERROR',
  'TIMEOUT',
  'SERVER_ERROR',
  'PLATFORM_UNAVAILABLE',
  'UNKNOWN_ERROR',
  'RATE_LIMITED',
];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value);
}

/** Maps any code a backend sends to one the kit knows; unknown codes become UNKNOWN_ERROR. */
export function toErrorCode(value: unknown): ErrorCode {
  return isErrorCode(value) ? value : 'UNKNOWN_ERROR';
}

/** The wire body of every error: `{error, message, code}` (seed 001). */
export const errorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  code: z.string(),
  /** Field-level problems of a VALIDATION_FAILED answer, by field name. */
  fields: z.optional(z.record(z.string(), z.string())),
  /** Seconds to wait, with RATE_LIMITED. */
  retryAfter: z.optional(z.number()),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Short English titles for the `error` field of wire bodies (screens show localized text, not these). */
export const errorTitles: Record<ErrorCode, string> = {
  INVALID_OT_TOKEN: 'Invalid Token',
  TOKEN_EXPIRED: 'Token Expired',
  USER_NOT_FOUND: 'User Not Found',
  MISSING_REQUIRED_PARAMETER: 'Missing Required Parameter',
  CH_CLIENT_AUTH_FAILURE: 'Client Authentication Failure',
  CH_INSUFFICIENT_PERMISSIONS: 'Insufficient Permissions',
  CID_TOKEN_EXPIRED: 'Token Expired',
  CID_NON_EXISTED_TOKEN: 'Token Does Not Exist',
  INVALID_REQUEST: 'Invalid Request',
  INVALID_CREDENTIALS: 'Invalid Credentials',
  SESSION_EXPIRED: 'Session Expired',
  MODULE_DISABLED: 'Module Disabled',
  NOT_FOUND: 'Not Found',
  EMAIL_TAKEN: 'Email Taken',
  DUPLICATE_SUBMISSION: 'Duplicate Submission',
  PAYLOAD_TOO_LARGE: 'Payload Too Large',
  UNSUPPORTED_FILE: 'Unsupported File',
  VALIDATION_FAILED: 'Validation Failed',
  LIMIT_EXCEEDED: 'Limit Exceeded',
  INSUFFICIENT_FUNDS: 'Insufficient Funds',
  RATE_LIMITED: 'Too Many Requests',
  SERVER_ERROR: 'Server Error',
  PLATFORM_UNAVAILABLE: 'Platform Unavailable',
  TIMEOUT: 'Timeout',
  NETWORK_ERROR: 'Network Error',
  UNKNOWN_ERROR: 'Unknown Error',
};

/** The one error type every adapter call rejects with. `message` is for logs; screens localize by `code`. */
export class BrokerKitError extends Error {
  override readonly name = 'BrokerKitError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: Readonly<Record<string, string>>;
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message = errorTitles[code],
    options: { status?: number; fields?: Record<string, string>; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status ?? errorStatus[code];
    this.fields = options.fields ?? {};
    this.retryAfter = options.retryAfter;
  }

  get retryable(): boolean {
    return retryableCodes.includes(this.code);
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { error: errorTitles[this.code], message: this.message, code: this.code };
    if (Object.keys(this.fields).length > 0) body.fields = { ...this.fields };
    if (this.retryAfter !== undefined) body.retryAfter = this.retryAfter;
    return body;
  }

  /** Builds the error from a wire body; a malformed body or unknown code becomes UNKNOWN_ERROR. */
  static fromBody(body: unknown, status: number): BrokerKitError {
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success)
      return new BrokerKitError(status >= 500 ? 'SERVER_ERROR' : 'UNKNOWN_ERROR', 'Malformed error body', { status });
    const { code, message, fields, retryAfter } = parsed.data;
    return new BrokerKitError(toErrorCode(code), message, { status, fields, retryAfter });
  }
}

export function isBrokerKitError(value: unknown): value is BrokerKitError {
  return value instanceof BrokerKitError;
}

/** An invalid broker configuration. `message` names the field path of each problem; thrown at start-up. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Each problem with its field path (`brand.logoUrl`, `modules`, …). */
  readonly issues: readonly { path: string; message: string }[];

  constructor(issues: readonly { path: string; message: string }[]) {
    super(`Invalid broker configuration: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.issues = issues;
  }
}
