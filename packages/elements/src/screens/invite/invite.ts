import { html, nothing, svg } from 'lit';
import { state } from 'lit/decorators.js';
import { attributionResults, BrokerKitError, intlLocale, type Invite, type InviteStats } from '@broker-kit/core';
import { OtSessionController } from '../../controllers/ot-session.ts';
import { LocalizeController } from '../../controllers/localize.ts';
import { deepActiveElement, focusElement } from '../../controllers/view-focus.ts';
import { InAppScreen } from '../inapp-shared/inapp-screen.ts';
import { errorAlertTemplate } from '../inapp-shared/error-states.ts';
import { inviteStyles } from './invite.styles.ts';
import type { qrRuns } from './qr.ts';
import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/copy/define.ts';
import '../../primitives/spinner/define.ts';

type Load<T> =
  { status: 'idle' | 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: BrokerKitError };

function toError(cause: unknown): BrokerKitError {
  return cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR', undefined, { cause });
}

/** Quiet zone around the code, in modules (the QR standard asks for four). */
const quietZone = 4;

// The QR encoder is most of this screen's code, and nothing waits on the picture: it loads once the link and its
// copy buttons have painted (the frame after they render), so it never delays them.
let qrEncoder: Promise<typeof qrRuns> | undefined;
const loadQrEncoder = () =>
  (qrEncoder ??= new Promise((painted) => requestAnimationFrame(() => setTimeout(painted))).then(() =>
    import('./qr.ts').then((module) => module.qrRuns),
  ));

/**
 * @summary The user's invite (`/inapp/invite`): the invite link and partner id with copy buttons, Web Share
 * where the browser offers it, a QR code of the link (SVG, dark on light in every theme so cameras read it),
 * and the attribution statistics: link opens, sign-ups, funded accounts and the four attribution results.
 *
 * @event {BkResultEvent} bk-result - `{ action: 'invite', status: 'cancelled' }` when the user leaves.
 * @event {BkCloseEvent} bk-close - The user leaves (cancelable); then the screen navigates to `returnUrl`.
 */
export class BkInvite extends InAppScreen {
  static override styles = [...InAppScreen.styles, inviteStyles];

  protected override readonly action = 'invite';
  protected override readonly session = new OtSessionController(this, { action: 'invite' });
  protected override readonly localize = new LocalizeController(this, ['engage', 'inapp', 'common', 'errors']);

  @state() private invite: Load<Invite> = { status: 'idle' };
  @state() private stats: Load<InviteStats> = { status: 'idle' };
  @state() private encodeQr: typeof qrRuns | undefined;

  private abort: AbortController | undefined;

  protected override heading(): string {
    return this.localize.t('engage:invite.heading');
  }

  // The statistics load on their own: their states never move focus away from the link.
  protected override view() {
    const invite = this.invite;
    if (invite.status === 'error') return `error:${invite.error.code}`;
    return invite.status === 'ready' ? 'ready' : undefined;
  }

  protected override focusView() {
    const alert = this.invite.status === 'error' ? this.renderRoot.querySelector<HTMLElement>('bk-alert') : null;
    return focusElement(alert) || this.focusFrameHeading();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.abort?.abort();
    this.abort = undefined;
    if (this.invite.status === 'loading') this.invite = { status: 'idle' };
    if (this.stats.status === 'loading') this.stats = { status: 'idle' };
  }

  protected override updated() {
    if (this.session.state !== 'ready') return;
    if (this.invite.status === 'idle') void this.loadInvite();
    if (this.stats.status === 'idle') void this.loadStats();
  }

  private get signal(): AbortSignal {
    this.abort ??= new AbortController();
    return this.abort.signal;
  }

  private async loadInvite() {
    this.invite = { status: 'loading' };
    const signal = this.signal;
    try {
      const value = await this.backend.invite({ signal });
      this.invite = { status: 'ready', value };
      loadQrEncoder().then(
        (encode) => (this.encodeQr = encode),
        // Without the picture the link and its copy buttons still do the job.
        () => undefined,
      );
    } catch (cause) {
      if (!signal.aborted) this.invite = { status: 'error', error: toError(cause) };
    }
  }

  private async loadStats() {
    this.stats = { status: 'loading' };
    const signal = this.signal;
    try {
      const value = await this.backend.inviteStats({ signal });
      this.stats = { status: 'ready', value };
    } catch (cause) {
      if (!signal.aborted) this.stats = { status: 'error', error: toError(cause) };
    }
  }

  private async handleStatsRetry() {
    const loading = this.loadStats();
    // The pressed button went away with the alert: focus the statistics' heading instead.
    await this.updateComplete;
    if (deepActiveElement() === null) this.renderRoot.querySelector<HTMLElement>('[data-stats-heading]')?.focus();
    await loading;
  }

  private async share(invite: Invite) {
    try {
      await navigator.share({
        title: this.localize.t('engage:invite.heading'),
        text: this.localize.t('engage:invite.shareText'),
        url: invite.link,
      });
    } catch {
      // The user closed the share sheet, or the browser refused: nothing to report.
    }
  }

  protected override renderReady() {
    const t = (key: string, options?: Record<string, unknown>) => this.localize.t(key, options);
    const invite = this.invite;
    if (invite.status === 'error') {
      return errorAlertTemplate(t, invite.error, {
        onBack: () => this.close(),
        onRetry: invite.error.retryable ? () => void this.loadInvite() : undefined,
        texts: { title: t(`errors:${invite.error.code}.title`), message: t('engage:invite.loadFailed') },
      });
    }
    if (invite.status !== 'ready') return html`<bk-spinner label=${t('common:loading')}></bk-spinner>`;
    const { link, partnerId } = invite.value;
    const canShare = typeof navigator.share === 'function';
    return html`<div class="bk-stack">
      <p>${t('engage:invite.intro')}</p>
      <div class="field">
        <span class="label" id="link-label">${t('engage:invite.link')}</span>
        <div class="value">
          <code aria-labelledby="link-label">${link}</code>
          <bk-copy
            value=${link}
            label=${t('engage:invite.copyLink')}
            copied-label=${t('engage:invite.copied')}
          ></bk-copy>
        </div>
      </div>
      <div class="field">
        <span class="label" id="partner-label">${t('engage:invite.partnerId')}</span>
        <div class="value">
          <code aria-labelledby="partner-label">${partnerId}</code>
          <bk-copy
            value=${partnerId}
            label=${t('engage:invite.copyId')}
            copied-label=${t('engage:invite.copied')}
          ></bk-copy>
        </div>
      </div>
      ${
        canShare
          ? html`<bk-button variant="secondary" data-share @click=${() => void this.share(invite.value)}
              >${t('engage:invite.share')}</bk-button
            >`
          : nothing
      }
      ${this.renderQr(link, t('engage:invite.qr'))}
      <h2 tabindex="-1" data-stats-heading>${t('engage:invite.stats.title')}</h2>
      ${this.renderStats(t)}
    </div>`;
  }

  private renderQr(link: string, label: string) {
    // Until the encoder arrives, an empty square of the same size keeps the layout still.
    if (!this.encodeQr) return html`<div class="qr qr-pending"></div>`;
    const { size, runs } = this.encodeQr(link);
    const box = size + quietZone * 2;
    return html`<svg class="qr" viewBox="0 0 ${box} ${box}" role="img" aria-label=${label} shape-rendering="crispEdges">
      <rect width=${box} height=${box} fill="#ffffff"></rect>
      ${runs.map(
        (run) =>
          svg`<rect x=${run.x + quietZone} y=${run.y + quietZone} width=${run.width} height="1" fill="#000000"></rect>`,
      )}
    </svg>`;
  }

  private renderStats(t: (key: string, options?: Record<string, unknown>) => string) {
    const stats = this.stats;
    if (stats.status === 'error') {
      return html`<bk-alert variant="error" heading=${t(`errors:${stats.error.code}.title`)}>
        ${t('engage:invite.stats.failed')}
        ${
          stats.error.retryable
            ? html`<bk-button slot="actions" variant="secondary" data-retry @click=${this.handleStatsRetry}
                >${t('common:retry')}</bk-button
              >`
            : nothing
        }
      </bk-alert>`;
    }
    if (stats.status !== 'ready') return html`<bk-spinner label=${t('common:loading')}></bk-spinner>`;
    const { clicks, signups, funded, byResult } = stats.value;
    const number = new Intl.NumberFormat(intlLocale(this.localize.language));
    const item = (label: string, value: number) =>
      html`<div>
        <dt>${label}</dt>
        <dd>${number.format(value)}</dd>
      </div>`;
    const empty = clicks === 0 && signups === 0 && funded === 0;
    return html`${empty ? html`<p class="bk-muted">${t('engage:invite.stats.empty')}</p>` : nothing}
      <dl class="stats">
        ${item(t('engage:invite.stats.clicks'), clicks)} ${item(t('engage:invite.stats.signups'), signups)}
        ${item(t('engage:invite.stats.funded'), funded)}
      </dl>
      <h3>${t('engage:invite.stats.results')}</h3>
      <dl class="stats">
        ${attributionResults.map((result) => item(t(`engage:invite.result.${result}`), byResult[result] ?? 0))}
      </dl>`;
  }
}
