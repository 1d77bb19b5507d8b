import { afterEach, describe, expect, it } from 'vitest';
import { html } from 'lit';
import { userEvent } from 'vitest/browser';
import { MemoryAdapter, type MemoryAdapterOptions } from '@broker-kit/core/adapter/memory.ts';
import { BrokerKitError, createI18n, errorCodes } from '@broker-kit/core';
import { axeSettings, expectNoAxeViolations, mount, settle } from '../../primitives/testing.ts';
import { expectErrorAlert, expectFocusOn, frameHeading, text } from '../inapp-shared/testing.ts';
import './define.ts';

const namespaces = ['engage', 'inapp', 'common', 'errors'];
const until = (check: () => boolean) => expect.poll(check).toBe(true);

/** The browser's own signals (not ours), set the way a real device would report them. */
function setBrowser(target: object, name: string, value: unknown, event: { on: EventTarget; type: string }) {
  Object.defineProperty(target, name, { configurable: true, get: () => value });
  event.on.dispatchEvent(new Event(event.type));
}
afterEach(() => {
  delete (navigator as unknown as Record<string, unknown>)['onLine'];
  delete (document as unknown as Record<string, unknown>)['visibilityState'];
});

async function openChat(
  options: MemoryAdapterOptions & {
    language?: string;
    withToken?: boolean;
    prepare?: (adapter: MemoryAdapter) => void;
  } = {},
  settings = axeSettings[0]!,
) {
  const adapter = new MemoryAdapter({ agentReplyMs: 40, ...options });
  options.prepare?.(adapter);
  const i18n = await createI18n({ language: options.language ?? 'en', namespaces });
  const token = options.withToken === false ? undefined : adapter.issueToken({ action: 'chat' });
  const host = await mount(
    html`<bk-chat .adapter=${adapter} .i18n=${i18n} .token=${token} theme=${settings.theme!}></bk-chat>`,
    settings,
  );
  const element = host.querySelector('bk-chat')!;
  const root = element.shadowRoot!;
  await until(() => !!root.querySelector('[role="log"], bk-alert'));
  await settle(root);
  return { adapter, host, element, root };
}

/** The adapter a chat element was given. */
const adapterOf = (element: HTMLElement) => (element as HTMLElement & { adapter: MemoryAdapter }).adapter;

const texts = (root: ShadowRoot) => [...root.querySelectorAll('.message .text')].map((node) => node.textContent);

async function send(root: ShadowRoot, text: string) {
  await userEvent.type(root.querySelector('bk-textarea textarea')!, text);
  await userEvent.keyboard('{Enter}');
}

describe('bk-chat', () => {
  it('shows the latest page in a polite log, loads earlier pages and reflects the connection', async () => {
    const { root, element } = await openChat({ chatPageSize: 3 });
    const log = root.querySelector('[role="log"]')!;
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(texts(root)).toHaveLength(3);
    await until(() => root.querySelector('.connection')!.textContent === 'Connected');
    await userEvent.click(log.querySelector('bk-button')!);
    await until(() => texts(root).length === 5);
    await element.updateComplete;
    expect(texts(root)[0]).toBe('Chat started');
    expect(log.textContent).toContain('This is the start of the conversation.');
  });

  it('sends optimistically and merges the echo and the agent reply without duplicates', async () => {
    // The agent answers late enough that the optimistic message is seen first, even on a busy machine.
    const { root } = await openChat({ agentReplyMs: 4_000 });
    await send(root, 'Where is my deposit?');
    expect(texts(root).at(-1)).toBe('Where is my deposit?');
    await until(() => root.querySelectorAll('.message.agent').length === 3);
    expect(texts(root).filter((text) => text === 'Where is my deposit?')).toHaveLength(1);
    expect(root.querySelector('.message.failed, .message.sending')).toBeNull();
  });

  it('marks a failed send and sends it again on request', async () => {
    const { root, adapter } = await openChat();
    adapter.failNext('SERVER_ERROR');
    await send(root, 'Hello?');
    await until(() => !!root.querySelector('.message.failed'));
    expect(root.querySelector('.message.failed')!.textContent).toContain('Not sent');
    await userEvent.click(root.querySelector('.message.failed button')!);
    await until(() => !root.querySelector('.message.failed') && texts(root).includes('Hello?'));
  });

  it('says it is offline and shows what did not send, queueing nothing silently', async () => {
    const { root, element } = await openChat();
    setBrowser(navigator, 'onLine', false, { on: window, type: 'offline' });
    await element.updateComplete;
    expect(root.querySelector('bk-alert[variant="warning"]')!.textContent).toContain('You are offline');
    await send(root, 'Are you there?');
    await until(() => !!root.querySelector('.message.failed'));
    expect(root.querySelector('.message.failed')!.textContent).toContain('Not sent: you are offline');
    setBrowser(navigator, 'onLine', true, { on: window, type: 'online' });
    await userEvent.click(root.querySelector('.message.failed button')!);
    await until(() => !root.querySelector('.message.failed'));
  });

  it('counts messages that arrive while the tab is hidden and marks where they start', async () => {
    const { root, element } = await openChat();
    // Hidden before the question goes: the agent's reply must not be able to arrive while the tab is visible.
    setBrowser(document, 'visibilityState', 'hidden', { on: document, type: 'visibilitychange' });
    await send(root, 'Question');
    await until(() => element.unread === 1);
    expect(root.textContent).toContain('1 new message');
    const marker = root.querySelector('.marker')!;
    expect(marker.textContent).toBe('New messages');
    expect(marker.nextElementSibling!.classList.contains('agent')).toBe(true);
    setBrowser(document, 'visibilityState', 'visible', { on: document, type: 'visibilitychange' });
    await until(() => element.unread === 0);
    expect(root.querySelector('.marker')).not.toBeNull();
  });

  it('reflects the live feed: offline and back, and a feed that stops for good', async () => {
    const { root, adapter } = await openChat();
    await until(() => root.querySelector('.connection')!.textContent === 'Connected');
    adapter.setOnline(false);
    await until(() => root.querySelector('.connection')!.textContent === 'Offline');
    adapter.setOnline(true);
    await until(() => root.querySelector('.connection')!.textContent === 'Connected');

    const stopped = await openChat({
      prepare: (memory) => {
        const subscribe = memory.subscribeChat.bind(memory);
        memory.subscribeChat = (subscription, options) => {
          memory.deleteUser('demo@example.com'); // the session ends: the backend refuses the feed
          subscribe(subscription, options);
        };
      },
    });
    await until(() => !!stopped.root.querySelector('bk-alert[variant="error"]'));
    expect(stopped.root.querySelector('bk-alert[variant="error"]')!.textContent).toContain(
      'Live updates have stopped.',
    );
    expect(stopped.root.querySelector('.connection')!.textContent).toBe('Offline');
    expect(stopped.root.querySelector('bk-alert[variant="error"] bk-button')!.textContent).toContain('Reconnect');
  });

  it('draws each bubble as tall as its lines, with no blank lines or indent from the template', async () => {
    const { root } = await openChat();
    await send(root, 'Hi');
    await until(() => texts(root).includes('Hi'));
    const bubble = [...root.querySelectorAll<HTMLElement>('.message.user')].find(
      (node) => node.querySelector('.text')!.textContent === 'Hi',
    )!;
    await until(() => !bubble.classList.contains('sending'));
    const lineHeight = (node: Element) => parseFloat(getComputedStyle(node).lineHeight) || 24;
    const text = bubble.querySelector('.text')!;
    const meta = bubble.querySelector('.meta')!;
    // Two lines (who and when, then the text) plus padding; the template's whitespace would add lines.
    const style = getComputedStyle(bubble);
    const expected =
      lineHeight(meta) + lineHeight(text) + parseFloat(style.paddingBlockStart) + parseFloat(style.paddingBlockEnd);
    expect(bubble.getBoundingClientRect().height).toBeLessThanOrEqual(expected + 4);
    expect(text.getBoundingClientRect().left).toBeCloseTo(meta.getBoundingClientRect().left, 0);
  });

  it('renders message text as text, never as markup', async () => {
    const { root } = await openChat();
    await send(root, '<img src=x onerror="window.pwned=1">');
    await until(() => texts(root).includes('<img src=x onerror="window.pwned=1">'));
    expect(root.querySelector('.log img')).toBeNull();
  });

  it('shows a localized error with retry when the history cannot load', async () => {
    const { root } = await openChat({
      prepare: (adapter) => {
        const history = adapter.chatHistory;
        adapter.chatHistory = (request, options) => {
          adapter.chatHistory = history;
          adapter.failNext('NETWORK_ERROR');
          return history(request, options);
        };
      },
    });
    const alert = root.querySelector('bk-alert')!;
    expect(alert.getAttribute('heading')).not.toBe('');
    await userEvent.click(alert.querySelector('[data-retry]')!);
    await until(() => !!root.querySelector('[role="log"]'));
  });

  it('is not offered without the in-app token (never on the login screen)', async () => {
    const { root } = await openChat({ withToken: false });
    expect(root.querySelector('[role="log"], form')).toBeNull();
    expect(root.querySelector('bk-alert')).not.toBeNull();
  });

  it('every error code of a send says why in the message, with "Send again" only where it can help', async () => {
    const { root, element } = await openChat();
    const t = element.i18n!.getFixedT(null, ['engage', 'errors']);
    const composer = root.querySelector('bk-textarea textarea')!;
    for (const code of errorCodes) {
      adapterOf(element).failNext(code);
      await userEvent.fill(composer, `About ${code}`);
      await userEvent.keyboard('{Enter}');
      await until(() => !!root.querySelector('.message.failed'));
      const problem = root.querySelector('.message.failed .problem')!;
      const error = new BrokerKitError(code);
      expect(problem.getAttribute('data-code')).toBe(code);
      expect(text(problem), code).toContain(`${t('engage:chat.failed')} · ${t(`errors:${code}.message`)}`);
      expect(!!problem.querySelector('[data-send-again]'), code).toBe(error.retryable);
      expect(text(problem.querySelector('[data-remove]')), code).toBe(t('engage:chat.remove'));
      // Removing it takes the control away: focus goes back to the composer, not the page.
      await userEvent.click(problem.querySelector('[data-remove]')!);
      await until(() => !root.querySelector('.message.failed'));
      await expectFocusOn(composer);
    }
    expect(texts(root).some((message) => message?.startsWith('About '))).toBe(false);
  }, 90_000);

  it('moves focus with the screen: heading, history error, retry, sending again, earlier messages', async () => {
    const failing = await openChat({
      chatPageSize: 3,
      prepare: (adapter) => {
        const history = adapter.chatHistory;
        adapter.chatHistory = (request, options) => {
          adapter.chatHistory = history;
          adapter.failNext('TIMEOUT');
          return history(request, options);
        };
      },
    });
    const alert = failing.root.querySelector('bk-alert')!;
    expectErrorAlert(failing.element, new BrokerKitError('TIMEOUT'));
    await expectFocusOn(alert);
    await userEvent.click(alert.querySelector('[data-retry]')!);
    await until(() => !!failing.root.querySelector('[role="log"]'));
    await expectFocusOn(frameHeading(failing.element));

    // After a key press Chromium shows script focus as keyboard focus (:focus-visible), as on a real device.
    await userEvent.keyboard('{Tab}');
    const { root, element } = await openChat({ chatPageSize: 3 });
    await expectFocusOn(frameHeading(element));
    // A heading focused by script is a reading position, not a control: no focus ring drawn around it.
    expect(frameHeading(element).matches(':focus-visible')).toBe(true);
    expect(getComputedStyle(frameHeading(element)).outlineStyle).toBe('none');
    adapterOf(element).failNext('SERVER_ERROR');
    await send(root, 'Once more');
    await until(() => !!root.querySelector('[data-send-again]'));
    await userEvent.click(root.querySelector('[data-send-again]')!);
    await until(() => !root.querySelector('.message.failed') && texts(root).includes('Once more'));
    await expectFocusOn(root.querySelector('bk-textarea textarea'));
    await userEvent.click(root.querySelector('.log bk-button')!);
    await until(() => texts(root).length >= 5);
    await expectFocusOn(root.querySelector('.log'));
  });

  for (const settings of axeSettings) {
    it(`has no axe violations loading, with history, live, unread, offline and a failed send (${settings.theme}, ${settings.dir})`, async () => {
      const language = settings.dir === 'rtl' ? 'ar' : 'en';
      const slow = new MemoryAdapter();
      const release = slow.hold('validateToken', 'chatHistory');
      const i18n = await createI18n({ language, namespaces });
      const loading = await mount(
        html`<bk-chat
          .adapter=${slow}
          .i18n=${i18n}
          .token=${slow.issueToken({ action: 'chat' })}
          theme=${settings.theme!}
        ></bk-chat>`,
        settings,
      );
      await settle(loading.querySelector('bk-chat')!.shadowRoot!);
      expect(loading.querySelector('bk-chat')!.shadowRoot!.querySelector('[role="log"]')).toBeNull();
      await expectNoAxeViolations(loading);
      release();

      const { host, root, element } = await openChat({ language, chatPageSize: 3 }, settings);
      await until(() => root.querySelector('.connection')!.getAttribute('data-state') === 'open');
      await expectNoAxeViolations(host);
      // Live: the agent answers while the user watches (typing, then the reply).
      const agents = root.querySelectorAll('.message.agent').length;
      await send(root, 'Hi');
      await until(() => root.querySelectorAll('.message.agent').length === agents + 1);
      await expectNoAxeViolations(host);
      // Unread: replies that arrive while the tab is hidden, with the marker.
      setBrowser(document, 'visibilityState', 'hidden', { on: document, type: 'visibilitychange' });
      await send(root, 'Still there?');
      await until(() => element.unread === 1);
      await settle(root);
      await expectNoAxeViolations(host);
      setBrowser(document, 'visibilityState', 'visible', { on: document, type: 'visibilitychange' });
      setBrowser(navigator, 'onLine', false, { on: window, type: 'offline' });
      await settle(root);
      await expectNoAxeViolations(host);
      await send(root, 'Offline?');
      await until(() => !!root.querySelector('.message.failed'));
      setBrowser(navigator, 'onLine', true, { on: window, type: 'online' });
      adapterOf(element).failNext('RATE_LIMITED');
      await send(root, 'Too fast');
      await until(() => root.querySelectorAll('.message.failed').length === 2);
      await settle(root);
      await expectNoAxeViolations(host);
    });
  }
});
