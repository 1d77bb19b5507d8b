// The process's console logger. Access lines are gathered and written to stdout once per turn of the event
// loop, so a busy server does not pay a blocking write per request; errors are written at once.
// LOG_LEVEL=error keeps only the errors.
import type { Logger } from './http.ts';

export const logLevels = ['info', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

let pending = '';
let flushOnExit = false;

function flush(): void {
  if (pending) process.stdout.write(pending);
  pending = '';
}

function bufferedLine(line: string): void {
  if (!flushOnExit) process.once('exit', flush);
  flushOnExit = true;
  if (!pending) setImmediate(flush);
  pending += `${line}\n`;
}

export function consoleLogger(level: LogLevel): Logger {
  return {
    info: level === 'info' ? bufferedLine : () => {},
    error: (line) => console.error(line),
  };
}
