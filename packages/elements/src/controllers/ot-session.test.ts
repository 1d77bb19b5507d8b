import { describe, expect, it, vi } from 'vitest';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { BackendAdapter, ErrorCode } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { OtSessionController } from './ot-session.ts';
import { PendingValidation } from './pending-validation.ts';

class OtHost extends LitElement {
  @property({ attribute: false }) token?: string;
  @property({ attribute: false }) account?: number;
  @property({ attribute: false }) adapter?: BackendAdapter;
  @property({ attribute: false }) validation?: PendingValidation;
  readonly session = new OtSessionController(this, { action: 'deposit' });
  /** The state each render showed, in order. */
  readonly rendered: string[] = [];

  override render() {
    this.rendered.push(this.session.state);
    return html`<p>${this.session.state}</p>`;
  }
}
customElements.define('ot-session-test-host', OtHost);

const account = 67890;

interface HostProps {
  adapter?: BackendAdapter;
  token?: string;
  account?: number;
  validation?: PendingValidation;
}

function create(props: HostProps) {
  const host = document.createElement('ot-session-test-host') as OtHost;
  Object.assign(host, props);
  return host;
}

async function mount(props: HostProps) {
  const host = create(props);
  document.body.replaceChildren(host);
  await settled(host);
  return host;
}

/** Waits until the controller leaves `validating` (the adapter answers asynchronously). */
async function settled(host: OtHost) {
  await expect.poll(() => host.session.state).not.toBe('validating');
  await host.updateComplete;
}

describe('OtSessionController', () => {
  it('validates the token once and keeps the session across re-renders and reconnects', async () => {
    const adapter = new MemoryAdapter();
    // Single use: a second validation of this token would fail with INVALID_OT_TOKEN.
    const token = adapter.issueToken({ action: 'deposit', tradingLogin: account });
    const host = await mount({ adapter, token, account });
    expect(host.session.state).toBe('ready');
    expect(host.session.session?.email).toBe('demo@example.com');
    expect(host.session.session?.tradingLogin).toBe(account);
    expect(host.session.resumed).toBe(false);

    host.requestUpdate();
    await host.updateComplete;
    host.remove();
    document.body.append(host);
    await settled(host);
    expect(host.session.state).toBe('ready');
    expect(host.session.error).toBeUndefined();
    expect(host.shadowRoot!.textContent).toContain('ready');
  });

  it('reports a missing token as MISSING_REQUIRED_PARAMETER when no session exists, without retry', async () => {
    for (const token of [undefined, '', '   ']) {
      const host = await mount({ adapter: new MemoryAdapter(), token });
      expect(host.session.state).toBe('error');
      expect(host.session.error?.code).toBe('MISSING_REQUIRED_PARAMETER');
      expect(host.session.canRetry).toBe(false);
      expect(host.session.retry()).toBe(false);
    }
  });

  it('resumes the session of this visit when the page reloads without its token', async () => {
    const adapter = new MemoryAdapter();
    await mount({ adapter, token: adapter.issueToken({ action: 'deposit' }), account });
    const reloaded = await mount({ adapter, account });
    expect(reloaded.session.state).toBe('ready');
    expect(reloaded.session.resumed).toBe(true);
    expect(reloaded.session.session?.userId).toBe(12345);
    expect(reloaded.session.session?.tradingLogin).toBe(account);
  });

  it('rejects an unknown, a used, an expired token and a deleted user, and refuses to retry them', async () => {
    const adapter = new MemoryAdapter();
    const cases: [string, ErrorCode][] = [];
    cases.push(['not-a-token', 'INVALID_OT_TOKEN']);
    const used = adapter.issueToken({ action: 'deposit' });
    await mount({ adapter, token: used });
    cases.push([used, 'INVALID_OT_TOKEN']);
    cases.push([adapter.issueToken({ action: 'deposit', ttlMs: -1 }), 'TOKEN_EXPIRED']);
    cases.push([adapter.issueToken({ action: 'kyc' }), 'INVALID_OT_TOKEN']); // issued for another screen
    for (const [token, code] of cases) {
      const host = await mount({ adapter, token });
      expect(host.session.error?.code, token).toBe(code);
      expect(host.session.retry()).toBe(false);
    }
    const orphan = new MemoryAdapter();
    const token = orphan.issueToken({ action: 'deposit' });
    orphan.deleteUser('demo@example.com');
    expect((await mount({ adapter: orphan, token })).session.error?.code).toBe('USER_NOT_FOUND');
  });

  for (const code of ['CID_TOKEN_EXPIRED', 'CID_NON_EXISTED_TOKEN', 'CH_INSUFFICIENT_PERMISSIONS'] as ErrorCode[]) {
    it(`reports the platform's ${code} without a retry`, async () => {
      const adapter = new MemoryAdapter();
      adapter.failNext(code);
      const host = await mount({ adapter, token: adapter.issueToken({ action: 'deposit' }) });
      expect(host.session.error?.code).toBe(code);
      expect(host.session.canRetry).toBe(false);
    });
  }

  it('retries after a timeout or a network error and then succeeds with the same token', async () => {
    const adapter = new MemoryAdapter();
    adapter.failNext('TIMEOUT');
    adapter.failNext('NETWORK_ERROR');
    const host = await mount({ adapter, token: adapter.issueToken({ action: 'deposit' }) });
    expect(host.session.error?.code).toBe('TIMEOUT');
    expect(host.session.canRetry).toBe(true);
    expect(host.session.retry()).toBe(true);
    await settled(host);
    expect(host.session.error?.code).toBe('NETWORK_ERROR');
    expect(host.session.retry()).toBe(true);
    await settled(host);
    expect(host.session.state).toBe('ready');
  });

  it('aborts its call when the host disconnects, and starts over on reconnect', async () => {
    const adapter = new MemoryAdapter({ latencyMs: 60_000 });
    const host = create({ adapter, token: adapter.issueToken({ action: 'deposit' }) });
    document.body.replaceChildren(host);
    await host.updateComplete;
    expect(host.session.state).toBe('validating');
    host.remove();
    expect(host.session.state).toBe('idle');
    adapter.latencyMs = 0;
    document.body.append(host);
    await settled(host);
    // The aborted call never reached the token: it still opens the session.
    expect(host.session.state).toBe('ready');
  });

  it('waits for an adapter that arrives later', async () => {
    const adapter = new MemoryAdapter();
    const host = await mount({ token: adapter.issueToken({ action: 'deposit' }) });
    expect(host.session.state).toBe('idle');
    host.adapter = adapter;
    await settled(host);
    expect(host.session.state).toBe('ready');
  });

  describe('with a validation the page already started', () => {
    /** What the hosted shell does: start the call with the token, then hand it to the screen with the same token. */
    function handOver(adapter: MemoryAdapter, token: string, action: 'deposit' | 'kyc' = 'deposit') {
      return new PendingValidation(adapter, { token, action, account });
    }

    async function answered(pending: PendingValidation) {
      await expect.poll(() => pending.outcome).toBeDefined();
    }

    it('adopts the call instead of validating the token again', async () => {
      const adapter = new MemoryAdapter();
      const token = adapter.issueToken({ action: 'deposit', tradingLogin: account });
      // Held until the screen has connected, so that it meets the call still in flight.
      const release = adapter.hold('validateToken');
      const validation = handOver(adapter, token);
      const calls = vi.spyOn(adapter, 'validateToken');
      const host = create({ adapter, token, account, validation });
      document.body.replaceChildren(host);
      await host.updateComplete;
      release();
      await settled(host);
      expect(host.session.state).toBe('ready');
      expect(host.session.session?.tradingLogin).toBe(account);
      expect(host.session.resumed).toBe(false);
      expect(calls).not.toHaveBeenCalled();
      expect(host.rendered).toEqual(['validating', 'ready']);
    });

    it('renders an answer that came before the screen connected without a loading pass', async () => {
      const adapter = new MemoryAdapter();
      const token = adapter.issueToken({ action: 'deposit' });
      const validation = handOver(adapter, token);
      await answered(validation);
      const host = create({ adapter, token, account, validation });
      document.body.replaceChildren(host);
      expect(host.session.state).toBe('ready');
      await settled(host);
      expect(host.rendered).toEqual(['ready']);
    });

    it('reports each token error of the handed-over call, without a retry', async () => {
      const adapter = new MemoryAdapter();
      const used = adapter.issueToken({ action: 'deposit' });
      await adapter.validateToken({ token: used, action: 'deposit' });
      const cases: [string, ErrorCode][] = [
        ['not-a-token', 'INVALID_OT_TOKEN'],
        [used, 'INVALID_OT_TOKEN'],
        [adapter.issueToken({ action: 'deposit', ttlMs: -1 }), 'TOKEN_EXPIRED'],
      ];
      for (const [token, code] of cases) {
        const host = await mount({ adapter, token, validation: handOver(adapter, token) });
        expect(host.session.error?.code, token).toBe(code);
        expect(host.session.canRetry).toBe(false);
        expect(host.session.retry()).toBe(false);
      }
      const orphan = new MemoryAdapter();
      const token = orphan.issueToken({ action: 'deposit' });
      orphan.deleteUser('demo@example.com');
      const host = await mount({ adapter: orphan, token, validation: handOver(orphan, token) });
      expect(host.session.error?.code).toBe('USER_NOT_FOUND');
      expect(host.session.retry()).toBe(false);
    });

    for (const code of ['CID_TOKEN_EXPIRED', 'CID_NON_EXISTED_TOKEN', 'CH_INSUFFICIENT_PERMISSIONS'] as ErrorCode[]) {
      it(`reports the platform's ${code} from the handed-over call`, async () => {
        const adapter = new MemoryAdapter();
        const token = adapter.issueToken({ action: 'deposit' });
        adapter.failNext(code);
        const host = await mount({ adapter, token, validation: handOver(adapter, token) });
        expect(host.session.error?.code).toBe(code);
        expect(host.session.canRetry).toBe(false);
      });
    }

    it('retries a network failure of the handed-over call with its own call and the same token', async () => {
      const adapter = new MemoryAdapter();
      const token = adapter.issueToken({ action: 'deposit' });
      adapter.failNext('NETWORK_ERROR');
      const validation = handOver(adapter, token);
      const host = await mount({ adapter, token, validation });
      expect(host.session.error?.code).toBe('NETWORK_ERROR');
      expect(host.session.canRetry).toBe(true);
      const calls = vi.spyOn(adapter, 'validateToken');
      expect(host.session.retry()).toBe(true);
      await settled(host);
      expect(calls).toHaveBeenCalledTimes(1);
      expect(calls.mock.calls[0]![0]).toMatchObject({ token, action: 'deposit' });
      expect(host.session.state).toBe('ready');
    });

    it('aborts the handed-over call when the host disconnects, then validates on its own on reconnect', async () => {
      const adapter = new MemoryAdapter({ latencyMs: 60_000 });
      const token = adapter.issueToken({ action: 'deposit' });
      const validation = handOver(adapter, token);
      const host = create({ adapter, token, validation });
      document.body.replaceChildren(host);
      await host.updateComplete;
      expect(host.session.state).toBe('validating');
      host.remove();
      expect(host.session.state).toBe('idle');
      await answered(validation);
      expect(validation.outcome).toMatchObject({ error: { name: 'AbortError' } });
      expect(validation.claim()).toBeUndefined();
      adapter.latencyMs = 0;
      document.body.append(host);
      await settled(host);
      // The aborted call never reached the token: the controller's own call opens the session.
      expect(host.session.state).toBe('ready');
      expect(host.session.error).toBeUndefined();
    });

    it('is taken by one screen only; another validates with its own token', async () => {
      const adapter = new MemoryAdapter();
      const token = adapter.issueToken({ action: 'deposit' });
      const validation = handOver(adapter, token);
      const first = await mount({ adapter, token, validation });
      expect(first.session.state).toBe('ready');
      const second = await mount({ adapter, token: adapter.issueToken({ action: 'deposit' }), validation });
      expect(second.session.state).toBe('ready');
      // The first token is spent: had the second screen reused it, its own call would have failed.
      const third = await mount({ adapter, token, validation });
      expect(third.session.error?.code).toBe('INVALID_OT_TOKEN');
    });

    it('leaves a validation for another screen to that screen', async () => {
      const adapter = new MemoryAdapter();
      const kyc = handOver(adapter, adapter.issueToken({ action: 'kyc' }), 'kyc');
      const host = await mount({ adapter, token: adapter.issueToken({ action: 'deposit' }), validation: kyc });
      expect(host.session.state).toBe('ready');
      expect(kyc.claim()).toBeDefined();
    });
  });
});
