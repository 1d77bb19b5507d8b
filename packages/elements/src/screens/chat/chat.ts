import { html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { BrokerKitError, intlLocale, type ChatEvent, type ChatMessage, type ConnectionState } from '@broker-kit/core';
import { OtSessionController } from '../../controllers/ot-session.ts';
import { LocalizeController } from '../../controllers/localize.ts';
import { deepActiveElement } from '../../controllers/view-focus.ts';
import { InAppScreen } from '../inapp-shared/inapp-screen.ts';
import { errorAlertTemplate } from '../inapp-shared/error-states.ts';
import { chatStyles } from './chat.styles.ts';
import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/spinner/define.ts';
import '../../primitives/textarea/define.ts';

/** The longest message the backend takes (chatSendRequestSchema). */
export const maxMessageLength = 4000;

type Delivery = 'sent' | 'sending' | 'failed';

interface Item {
  message: ChatMessage;
  delivery: Delivery;
  /** Failed because the device was offline (said so next to the message). */
  offline?: boolean;
  /** Why the backend did not take it. */
  error?: BrokerKitError;
}

function toError(cause: unknown): BrokerKitError {
  return cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR', undefined, { cause });
}

function safeAttachmentUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @summary Support chat (`/inapp/chat`): the history (paged with "load earlier"), sending with optimistic
 * messages that say when they did not go out (with "Send again"), and live updates from
 * `adapter.subscribeChat` with the connection state shown. While the tab is hidden, incoming messages are
 * counted and a "new messages" marker shows where they start. Messages are text only, in a `role="log"`
 * region that announces additions politely. An in-app screen: it needs the platform's one-time token, so it
 * is never offered before login.
 *
 * @event {BkResultEvent} bk-result - `{ action: 'chat', status: 'cancelled' }` when the user leaves.
 * @event {BkCloseEvent} bk-close - The user leaves (cancelable); then the screen navigates to `returnUrl`.
 * @cssproperty --bk-chat-height - Maximum height of the conversation.
 */
export class BkChat extends InAppScreen {
  static override styles = [...InAppScreen.styles, chatStyles];

  protected override readonly action = 'chat';
  protected override readonly session = new OtSessionController(this, { action: 'chat' });
  protected override readonly localize = new LocalizeController(this, ['engage', 'inapp', 'common', 'errors']);

  @state() private items: Item[] = [];
  @state() private hasMore = false;
  @state() private historyStatus: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  @state() private historyError: BrokerKitError | undefined;
  @state() private earlierStatus: 'idle' | 'loading' | 'error' = 'idle';
  @state() private connection: ConnectionState = 'connecting';
  @state() private feedError: BrokerKitError | undefined;
  @state() private online = navigator.onLine;
  @state() private typing = false;
  @state() private draft = '';
  @state() private draftError = '';
  /** Messages that arrived while the tab was hidden. */
  @state() unread = 0;
  /** Id of the first message that arrived while hidden: the "new messages" marker sits above it. */
  @state() private markerBefore: string | undefined;

  @query('.log') private log?: HTMLElement;

  private history: AbortController | undefined;
  private feed: AbortController | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Aborts sends still in flight when the screen goes away. */
  private sends = new AbortController();
  private stickToBottom = true;

  protected override heading(): string {
    return this.localize.t('engage:chat.heading');
  }

  protected override view() {
    if (this.historyStatus === 'error') return `history-error:${this.historyError?.code ?? ''}`;
    return this.historyStatus === 'ready' ? 'ready' : undefined;
  }

  /** After a control the user pressed went away with its content (a failed message, an alert), focus moves on. */
  private async keepFocus(target: 'composer' | 'log') {
    await this.updateComplete;
    if (deepActiveElement() !== null) return;
    const selector = target === 'composer' ? 'bk-textarea textarea' : '.log';
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('offline', this.handleOnline);
    document.addEventListener('visibilitychange', this.handleVisibility);
    this.online = navigator.onLine;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('offline', this.handleOnline);
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.history?.abort();
    this.sends.abort();
    this.sends = new AbortController();
    this.feed?.abort();
    this.feed = undefined;
    clearTimeout(this.typingTimer);
    if (this.historyStatus === 'loading') this.historyStatus = 'idle';
    if (this.historyStatus === 'ready') this.historyStatus = 'idle';
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    if (this.session.state === 'ready' && this.historyStatus === 'idle') void this.loadHistory();
    if (changed.has('items') && this.stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  private readonly handleOnline = () => {
    this.online = navigator.onLine;
  };

  private readonly handleVisibility = () => {
    if (document.visibilityState === 'visible') this.unread = 0;
  };

  private async loadHistory() {
    this.history?.abort();
    const abort = new AbortController();
    this.history = abort;
    this.historyStatus = 'loading';
    this.historyError = undefined;
    try {
      const page = await this.backend.chatHistory({}, { signal: abort.signal });
      if (this.history !== abort) return;
      const pending = this.items.filter((item) => item.delivery !== 'sent');
      this.items = [...page.messages.map((message): Item => ({ message, delivery: 'sent' })), ...pending];
      this.hasMore = page.hasMore;
      this.historyStatus = 'ready';
      this.subscribe();
    } catch (cause) {
      if (this.history !== abort || abort.signal.aborted) return;
      this.historyError = toError(cause);
      this.historyStatus = 'error';
    }
  }

  private async loadEarlier() {
    const oldest = this.items.find((item) => item.delivery === 'sent');
    if (!oldest || this.earlierStatus === 'loading') return;
    const abort = new AbortController();
    this.history = abort;
    this.earlierStatus = 'loading';
    try {
      const page = await this.backend.chatHistory({ before: oldest.message.id }, { signal: abort.signal });
      if (this.history !== abort) return;
      const known = new Set(this.items.map((item) => item.message.id));
      const earlier = page.messages.filter((message) => !known.has(message.id));
      // Keep the reader where they were: the log grows above them.
      const log = this.log;
      const fromBottom = log ? log.scrollHeight - log.scrollTop : 0;
      this.stickToBottom = false;
      this.items = [...earlier.map((message): Item => ({ message, delivery: 'sent' })), ...this.items];
      this.hasMore = page.hasMore;
      this.earlierStatus = 'idle';
      await this.updateComplete;
      if (log) log.scrollTop = log.scrollHeight - fromBottom;
      // The busy button lost focus: keep the reader in the log, above which the earlier messages now are.
      void this.keepFocus('log');
    } catch {
      if (this.history !== abort || abort.signal.aborted) return;
      this.earlierStatus = 'error';
      void this.keepFocus('log');
    }
  }

  /** Opens the live feed; the adapter reconnects on its own and reports its state. */
  private subscribe() {
    this.feed?.abort();
    const abort = new AbortController();
    this.feed = abort;
    this.feedError = undefined;
    this.connection = 'connecting';
    this.backend.subscribeChat(
      {
        onEvent: (event) => {
          if (this.feed === abort) this.handleEvent(event);
        },
        onState: (state) => {
          if (this.feed === abort) this.connection = state;
        },
        onError: (error) => {
          if (this.feed !== abort) return;
          this.feedError = error;
          this.connection = 'offline';
        },
      },
      { signal: abort.signal },
    );
  }

  private handleEvent(event: ChatEvent) {
    if (event.type === 'typing') {
      this.typing = true;
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => (this.typing = false), 5000);
      return;
    }
    const message = event.message;
    if (message.author !== 'user') this.typing = false;
    this.merge(message);
    if (message.author !== 'user' && document.visibilityState === 'hidden') {
      if (this.unread === 0) this.markerBefore = message.id;
      this.unread++;
    }
  }

  /** Adds a message from the backend, replacing its optimistic copy (same clientId) or a duplicate. */
  private merge(message: ChatMessage) {
    const index = this.items.findIndex(
      (item) => item.message.id === message.id || (!!message.clientId && item.message.clientId === message.clientId),
    );
    const item: Item = { message, delivery: 'sent' };
    if (index === -1) {
      this.stickToBottom = this.isNearBottom();
      this.items = [...this.items, item];
    } else {
      this.items = this.items.map((existing, at) => (at === index ? item : existing));
    }
  }

  private isNearBottom(): boolean {
    const log = this.log;
    return !log || log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const text = this.draft.trim();
    if (!text) return;
    if (text.length > maxMessageLength) {
      this.draftError = this.localize.t('engage:chat.tooLong', { count: maxMessageLength });
      return;
    }
    const clientId = crypto.randomUUID();
    const message: ChatMessage = {
      id: `local-${clientId}`,
      clientId,
      author: 'user',
      text,
      sentAt: new Date().toISOString(),
    };
    this.stickToBottom = true;
    this.items = [...this.items, { message, delivery: 'sending' }];
    this.draft = '';
    this.draftError = '';
    // Writing again means the user has seen what came before.
    this.markerBefore = undefined;
    void this.deliver(message);
  }

  private handleKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.renderRoot.querySelector('form')?.requestSubmit();
    }
  }

  private setDelivery(clientId: string, delivery: Delivery, offline = false, error?: BrokerKitError) {
    this.items = this.items.map((item) =>
      item.message.clientId === clientId && item.delivery !== 'sent' ? { ...item, delivery, offline, error } : item,
    );
  }

  /** Sends one message; an offline device fails it at once (visibly) rather than queueing it silently. */
  private async deliver(message: ChatMessage) {
    const clientId = message.clientId!;
    if (!navigator.onLine) {
      this.setDelivery(clientId, 'failed', true);
      return;
    }
    this.setDelivery(clientId, 'sending');
    try {
      const sent = await this.backend.sendChatMessage({ text: message.text, clientId }, { signal: this.sends.signal });
      this.merge(sent);
    } catch (cause) {
      this.setDelivery(clientId, 'failed', !navigator.onLine, toError(cause));
    }
  }

  private handleSendAgain(message: ChatMessage) {
    void this.deliver(message);
    void this.keepFocus('composer');
  }

  private discard(clientId: string) {
    this.items = this.items.filter((item) => item.message.clientId !== clientId || item.delivery === 'sent');
    void this.keepFocus('composer');
  }

  private handleReconnect() {
    this.subscribe();
    void this.keepFocus('composer');
  }

  protected override renderReady() {
    const t = (key: string, options?: Record<string, unknown>) => this.localize.t(key, options);
    if (this.historyStatus === 'error' && this.historyError) {
      const error = this.historyError;
      return errorAlertTemplate(t, error, {
        onBack: () => this.close(),
        onRetry: error.retryable ? () => void this.loadHistory() : undefined,
      });
    }
    if (this.historyStatus !== 'ready') return html`<bk-spinner label=${t('common:loading')}></bk-spinner>`;
    return html`<div class="chat">
      <div class="status-line bk-muted">
        <span class="connection" role="status" data-state=${this.connection}
          >${t(`engage:chat.state.${this.connection}`)}</span
        >
        <span role="status">${this.unread > 0 ? t('engage:chat.newMessages', { count: this.unread }) : ''}</span>
      </div>
      ${this.online ? nothing : html`<bk-alert variant="warning">${t('engage:chat.offline')}</bk-alert>`}
      ${
        this.feedError
          ? html`<bk-alert variant="error" heading=${t(`errors:${this.feedError.code}.title`)}>
              ${t('engage:chat.feedStopped')}
              <bk-button slot="actions" variant="secondary" @click=${this.handleReconnect}
                >${t('engage:chat.reconnect')}</bk-button
              >
            </bk-alert>`
          : nothing
      }
      <div class="log" role="log" aria-live="polite" aria-label=${t('engage:chat.log')} tabindex="0">
        ${
          this.hasMore
            ? html`<bk-button
                variant="ghost"
                ?loading=${this.earlierStatus === 'loading'}
                @click=${() => void this.loadEarlier()}
                >${t('engage:chat.loadEarlier')}</bk-button
              >`
            : html`<p class="bk-muted bk-center">${t('engage:chat.start')}</p>`
        }
        ${
          this.earlierStatus === 'error'
            ? html`<p class="problem" role="alert">${t('engage:chat.historyFailed')}</p>`
            : nothing
        }
        ${this.items.length === 0 ? html`<p class="bk-muted bk-center">${t('engage:chat.empty')}</p>` : nothing}
        ${repeat(
          this.items,
          (item) => item.message.clientId ?? item.message.id,
          (item) => this.renderItem(item, t),
        )}
      </div>
      <p class="bk-muted" aria-live="polite">${this.typing ? t('engage:chat.typing') : ''}</p>
      <form class="composer" @submit=${this.handleSubmit}>
        <bk-textarea
          name="message"
          label=${t('engage:chat.message')}
          rows="2"
          maxlength=${maxMessageLength}
          error=${this.draftError}
          .value=${this.draft}
          @input=${(event: Event) => (this.draft = (event.currentTarget as HTMLElement & { value: string }).value)}
          @keydown=${this.handleKeydown}
        ></bk-textarea>
        <bk-button type="submit">${t('engage:chat.send')}</bk-button>
      </form>
    </div>`;
  }

  private renderItem(item: Item, t: (key: string, options?: Record<string, unknown>) => string) {
    const { message } = item;
    const time = new Intl.DateTimeFormat(intlLocale(this.localize.language), { hour: '2-digit', minute: '2-digit' });
    const sentAt = new Date(message.sentAt);
    const author =
      message.author === 'agent' && message.authorName ? message.authorName : t(`engage:chat.author.${message.author}`);
    const attachmentUrl = message.attachment ? safeAttachmentUrl(message.attachment.url) : undefined;
    const clientId = message.clientId;
    return html`${
        message.id === this.markerBefore ? html`<p class="marker">${t('engage:chat.newMarker')}</p>` : nothing
      }
      <div class="message ${message.author} ${item.delivery}" data-id=${message.id}>
        <span class="meta"
          >${author}${Number.isNaN(sentAt.getTime()) ? '' : html` · <time datetime=${message.sentAt}>${time.format(sentAt)}</time>`}</span
        >
        <span class="text">${message.text}</span>
        ${
          attachmentUrl
            ? html`<a class="bk-link" href=${attachmentUrl} target="_blank" rel="noopener noreferrer"
                >${t('engage:chat.attachment', { name: message.attachment!.name })}</a
              >`
            : nothing
        }
        ${item.delivery === 'sending' ? html`<span class="meta">${t('engage:chat.sending')}</span>` : nothing}
        ${item.delivery === 'failed' && clientId ? this.renderFailure(item, clientId, t) : nothing}
      </div>`;
  }

  /**
   * Why a message did not go out, in the code's words, with "Send again" only where it can help (offline, or a
   * retryable code); "Remove" always.
   */
  private renderFailure(item: Item, clientId: string, t: (key: string, options?: Record<string, unknown>) => string) {
    const { error, offline } = item;
    const reason = offline
      ? t('engage:chat.failedOffline')
      : error
        ? `${t('engage:chat.failed')} · ${t(`errors:${error.code}.message`)}`
        : t('engage:chat.failed');
    const canRetry = offline || !error || error.retryable;
    return html`<span class="problem" data-code=${(!offline && error?.code) || nothing}
      >${reason}
      ${
        canRetry
          ? html`<button
              type="button"
              class="bk-link"
              data-send-again
              @click=${() => this.handleSendAgain(item.message)}
            >
              ${t('engage:chat.sendAgain')}
            </button>`
          : nothing
      }
      <button type="button" class="bk-link" data-remove @click=${() => this.discard(clientId)}>
        ${t('engage:chat.remove')}
      </button></span
    >`;
  }
}
