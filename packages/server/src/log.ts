// The process's logger: one JSON object per line (pino), written asynchronously so a busy server does not pay
// a blocking write per request (pino flushes what is pending when the process exits).
// LOG_LEVEL=error keeps only the errors.
import { pino, type DestinationStream } from 'pino';
import type { Logger } from './http.ts';

export const logLevels = ['info', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * Field names that could hold a secret or personal data. No caller logs them (lines carry paths, route
 * patterns, statuses, ids and error codes only); redaction is the second line of defence.
 */
const redactedFields = [
  'token',
  'accessToken',
  'refreshToken',
  'password',
  'newPassword',
  'authorization',
  'cookie',
  'email',
  'query',
];

export function jsonLogger(
  level: LogLevel,
  destination: DestinationStream = pino.destination({ dest: 1, sync: false }),
): Logger {
  const log = pino(
    {
      level,
      base: { service: 'broker-kit-server' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...redactedFields, ...redactedFields.map((field) => `*.${field}`)], censor: '[redacted]' },
    },
    destination,
  );
  return {
    info: (message, fields) => log.info(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
}
