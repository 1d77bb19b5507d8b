import { beforeEach, describe, expect, it } from 'vitest';
import { SubmissionDraft, parseStringRecord } from './idempotency.ts';

const parse = (value: unknown) => parseStringRecord(value, ['amount']);

beforeEach(() => sessionStorage.clear());

describe('SubmissionDraft', () => {
  it('keeps one key per payload across instances (a reload), and a new key for a changed payload', () => {
    const first = new SubmissionDraft('bk-test', parse);
    const key = first.keyFor({ amount: '10' });
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.keyFor({ amount: '10' })).toBe(key);
    const reloaded = new SubmissionDraft('bk-test', parse);
    expect(reloaded.pendingKey).toBe(key);
    expect(reloaded.keyFor({ amount: '10' })).toBe(key);
    expect(reloaded.keyFor({ amount: '11' })).not.toBe(key);
  });

  it('keeps the draft, forgets the intent on endIntent and everything on clear', () => {
    const draft = new SubmissionDraft('bk-test', parse);
    draft.saveDraft({ amount: '25' });
    const key = draft.keyFor({ amount: '25' });
    draft.endIntent();
    expect(draft.draft).toEqual({ amount: '25' });
    expect(draft.keyFor({ amount: '25' })).not.toBe(key);
    draft.clear();
    expect(sessionStorage.getItem('bk-test')).toBeNull();
    expect(new SubmissionDraft('bk-test', parse).draft).toBeUndefined();
  });

  it('ignores tampered or corrupt storage instead of failing', () => {
    for (const raw of ['{', 'null', '[]', '{"draft":{"amount":{"x":1}},"intent":{"key":"<script>","fingerprint":1}}']) {
      sessionStorage.setItem('bk-test', raw);
      const draft = new SubmissionDraft('bk-test', parse);
      expect(draft.pendingKey).toBeUndefined();
      expect(draft.draft?.amount).toBeUndefined();
      expect(draft.keyFor({ amount: '1' })).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
