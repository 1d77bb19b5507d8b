// Telling a store's refusal (a unique key already taken) from its failure (disk full, read-only, locked), so a
// failure is never reported as the user's mistake.

/** A UNIQUE or PRIMARY KEY violation of SQLite, optionally on one column (`table.column` in the message). */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
  return column === undefined || error.message.includes(column);
}
