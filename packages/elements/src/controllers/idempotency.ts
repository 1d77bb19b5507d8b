/**
 * A form's draft and the idempotency key of its submission, kept in sessionStorage so that a reload of the
 * tab loses nothing and never submits twice. Holds only what the caller gives it (never a token); the tab's
 * session storage is cleared by the browser when the tab closes, and `clear()` empties it once the flow
 * reaches its final result. When storage is unavailable (blocked, full) it keeps the values in memory.
 */
export class SubmissionDraft<Draft> {
  private memory: Stored<Draft> = {};

  constructor(
    private readonly storageKey: string,
    /** Checks a stored draft (storage is user-writable); returns undefined for anything unexpected. */
    private readonly parseDraft: (value: unknown) => Draft | undefined,
  ) {}

  get draft(): Draft | undefined {
    return this.read().draft;
  }

  saveDraft(draft: Draft) {
    this.write({ ...this.read(), draft });
  }

  /**
   * The idempotency key of submitting `payload`: the same payload keeps its key across retries and reloads;
   * a different payload (the user changed the amount) is a new intent with a new key.
   */
  keyFor(payload: unknown): string {
    const fingerprint = JSON.stringify(payload);
    const stored = this.read();
    if (stored.intent?.fingerprint === fingerprint) return stored.intent.key;
    const key = crypto.randomUUID();
    this.write({ ...stored, intent: { key, fingerprint } });
    return key;
  }

  /** The key of the current intent, if one was made (a reload resumes it). */
  get pendingKey(): string | undefined {
    return this.read().intent?.key;
  }

  /** Forgets the intent (after a final answer), keeping the draft. */
  endIntent() {
    const { draft } = this.read();
    this.write({ draft });
  }

  clear() {
    this.memory = {};
    try {
      sessionStorage.removeItem(this.storageKey);
    } catch {
      // storage unavailable: memory is already cleared
    }
  }

  private read(): Stored<Draft> {
    let raw: string | null = null;
    try {
      raw = sessionStorage.getItem(this.storageKey);
    } catch {
      return this.memory;
    }
    if (raw === null) return this.memory;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null) return {};
      const { draft, intent } = value as Record<string, unknown>;
      return { draft: this.parseDraft(draft), intent: parseIntent(intent) };
    } catch {
      return {};
    }
  }

  private write(stored: Stored<Draft>) {
    this.memory = stored;
    try {
      sessionStorage.setItem(this.storageKey, JSON.stringify(stored));
    } catch {
      // storage unavailable or full: the memory copy still protects this page's life
    }
  }
}

interface Stored<Draft> {
  draft?: Draft | undefined;
  intent?: { key: string; fingerprint: string } | undefined;
}

function parseIntent(value: unknown): Stored<unknown>['intent'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const { key, fingerprint } = value as Record<string, unknown>;
  return typeof key === 'string' && /^[0-9a-f-]{36}$/.test(key) && typeof fingerprint === 'string'
    ? { key, fingerprint }
    : undefined;
}

/** A plain object of string fields (a form draft), or undefined. */
export function parseStringRecord(value: unknown, fields: readonly string[]): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record: Record<string, string> = {};
  for (const field of fields) {
    const item = (value as Record<string, unknown>)[field];
    if (typeof item === 'string' && item.length <= 1000) record[field] = item;
  }
  return record;
}
