// The simulated app: launches like the platform's app does, opens broker screens in a webview-like frame,
// watches the frame for the success URL, and asks its own backend (the simulator server) for everything else.
import { LitElement, html, nothing } from 'lit';
import { state, query } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { languages } from '@broker-kit/core/i18n/languages.ts';
import { header } from './header.ts';

const actions = ['deposit', 'withdraw', 'kyc', 'action', 'chat', 'invite'] as const;
const scenarios = [
  ['valid', 'A valid token'],
  ['expired', 'Expired token (TOKEN_EXPIRED)'],
  ['replayed', 'Token already used (replay)'],
  ['unknown', 'Unknown token'],
  ['user-deleted', 'User deleted after issue'],
  ['platform-down', 'Platform down during validation'],
  ['client-auth-failure', 'Platform rejects the broker (CH_CLIENT_AUTH_FAILURE)'],
  ['insufficient-permissions', 'Broker lacks permission (CH_INSUFFICIENT_PERMISSIONS)'],
  ['broker-issued', 'Issued by the broker (SSO, with the access token)'],
] as const;
const sources = ['Web', 'Android', 'iOS', 'MacOS', 'Desktop'] as const;

interface Account {
  login: number;
  currency: string;
  environment?: string;
  balance: string;
}
interface Ribbon {
  id: string;
  color: string;
  title: string;
  closable: boolean;
  inApp?: string;
}
interface SimState {
  brokerUrl: string;
  simulatorUrl: string;
  successUrl: string;
  storedAccessToken: boolean;
  session?: {
    userId: number;
    email: string;
    createdBy: string;
    accessToken?: string;
    accessTokenExpiresAt?: string;
    accounts: Account[];
    ribbons: Ribbon[];
  };
}

async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json()) as T & { code?: string };
  if (!response.ok) throw new Error(payload.code ?? `HTTP ${response.status}`);
  return payload;
}

export class SimApp extends LitElement {
  @state() private sim: SimState | undefined;
  @state() private identity = '…';
  @state() private device: 'phone' | 'desktop' = 'phone';
  @state() private frameUrl: string | undefined;
  @state() private status = 'The app is closed. Launch it to start.';
  @state() private failed = false;
  @state() private language = 'en';
  @state() private theme = 'light';
  @state() private source: (typeof sources)[number] = 'iOS';
  @state() private partnerId = '';
  @state() private firstLogin = true;
  @state() private scenario = 'valid';
  @state() private account = '';
  @state() private actionType = 'change-leverage';
  @state() private kycType = '';
  @state() private closedRibbons = new Set<string>();
  @query('iframe') private frame?: HTMLIFrameElement;

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    const params = new URLSearchParams(location.search);
    if (params.get('device') === 'desktop') this.device = 'desktop';
    void this.refresh();
    void api<{ identity?: string; identityMode?: string; error?: unknown }>('/sim/api/broker-config').then(
      (config) => (this.identity = config.identity ?? config.identityMode ?? 'unknown (broker unreachable)'),
    );
  }

  private async refresh() {
    this.sim = await api<SimState>('/sim/api/state');
  }

  private say(message: string, failed = false) {
    this.status = message;
    this.failed = failed;
  }

  /** Seed 002 stage 1: a stored, still valid accessToken signs in with no login screen. */
  private async handleLaunch() {
    const result = await api<SimState & { status: string }>('/sim/api/launch', {});
    this.sim = result;
    if (result.status === 'relogged') {
      this.frameUrl = undefined;
      this.say(`Signed in again automatically as user ${result.session?.userId}: no login screen.`);
      return;
    }
    const url = new URL('/auth/login', result.brokerUrl);
    url.searchParams.set('firstLogin', String(this.firstLogin));
    url.searchParams.set('lang', this.language);
    url.searchParams.set('theme', this.theme);
    url.searchParams.set('source', this.source);
    if (this.partnerId) url.searchParams.set('partnerId', this.partnerId);
    this.frameUrl = url.href;
    this.say('No valid stored token: the app opened the broker login.');
  }

  private async handlePlatformLogin() {
    this.sim = await api<SimState>('/sim/api/platform-login', {});
    this.say(`Signed in to the platform as ${this.sim.session?.email} (the platform is the identity provider).`);
  }

  private async handleLogout(forget: boolean) {
    this.sim = await api<SimState>(forget ? '/sim/api/forget' : '/sim/api/logout', {});
    this.frameUrl = undefined;
    this.say(forget ? 'Signed out and the stored token forgotten.' : 'Signed out; the stored token is kept.');
  }

  private async handleOpen(action: (typeof actions)[number]) {
    if (!actions.includes(action)) return;
    try {
      const { url } = await api<{ url: string }>('/sim/api/open', {
        action,
        scenario: this.scenario,
        account: this.account ? Number(this.account) : undefined,
        lang: this.language,
        theme: this.theme,
        source: this.source,
        actionType: action === 'action' ? this.actionType : undefined,
        kycType: action === 'kyc' && this.kycType ? this.kycType : undefined,
      });
      this.frameUrl = url;
      this.say(`Opened /inapp/${action} with a fresh one-time token.`);
    } catch (error) {
      this.say(`Could not open the screen: ${(error as Error).message}. Sign in first.`, true);
    }
  }

  /**
   * The app watches its webview: while the frame shows the broker (another origin) its location cannot be
   * read; once it reaches a page of this origin (the success URL or the return URL) it can, and the app acts.
   */
  private async handleFrameLoad() {
    let location: Location;
    try {
      location = this.frame!.contentWindow!.location;
      if (location.origin !== window.location.origin) return;
    } catch {
      return; // still on the broker's origin
    }
    if (location.pathname === '/callback/success') {
      const token = new URLSearchParams(location.search).get('token');
      this.frameUrl = undefined;
      if (!token) return this.say('The broker reached the success URL without a token.', true);
      this.say('Success URL reached: the webview closed; exchanging the token with the broker…');
      try {
        this.sim = await api<SimState>('/sim/api/exchange', { token });
        this.say(`Signed in as user ${this.sim.session?.userId}. The app stored the access token.`);
      } catch (error) {
        this.say(`The exchange failed: ${(error as Error).message}.`, true);
      }
    } else if (location.pathname === '/return') {
      const result = new URLSearchParams(location.search);
      this.frameUrl = undefined;
      this.say(`The broker screen closed: ${result.get('action')} ${result.get('status') ?? ''}.`);
      void this.refresh();
    }
  }

  private handleClose() {
    this.frameUrl = undefined;
    this.say('The webview was closed.');
  }

  /** The broker's ribbons for this user, as the app shows them above its own screens. */
  private renderRibbons(ribbons: Ribbon[]) {
    return ribbons
      .filter((ribbon) => !this.closedRibbons.has(ribbon.id))
      .map(
        (ribbon) =>
          html`<div class="sim-ribbon" style=${styleMap({ borderInlineStartColor: ribbon.color })}>
            ${
              ribbon.inApp
                ? html`<button class="secondary" @click=${() => this.handleOpen(ribbon.inApp as 'kyc')}>
                    ${ribbon.title}
                  </button>`
                : html`<span>${ribbon.title}</span>`
            }
            ${
              ribbon.closable
                ? html`<button
                    class="secondary"
                    aria-label="Close ribbon"
                    @click=${() => (this.closedRibbons = new Set([...this.closedRibbons, ribbon.id]))}
                  >
                    ×
                  </button>`
                : nothing
            }
          </div>`,
      );
  }

  override render() {
    const session = this.sim?.session;
    return html`
      ${header('Platform simulator', this.identity)}
      <main class="sim-main">
        <div>
          <section class="sim-panel" aria-labelledby="launch-heading">
            <h2 id="launch-heading">Launch</h2>
            <div class="sim-fields">
              <label for="device">Device</label>
              <select
                id="device"
                @change=${(e: Event) => (this.device = (e.target as HTMLSelectElement).value as 'phone')}
              >
                <option value="phone" ?selected=${this.device === 'phone'}>Phone</option>
                <option value="desktop" ?selected=${this.device === 'desktop'}>Desktop</option>
              </select>
              <label for="lang">Language</label>
              <select id="lang" @change=${(e: Event) => (this.language = (e.target as HTMLSelectElement).value)}>
                ${languages.map((code) => html`<option value=${code} ?selected=${code === this.language}>${code}</option>`)}
              </select>
              <label for="theme">Theme</label>
              <select id="theme" @change=${(e: Event) => (this.theme = (e.target as HTMLSelectElement).value)}>
                <option value="light">light</option>
                <option value="dark">dark</option>
              </select>
              <label for="source">Source</label>
              <select
                id="source"
                @change=${(e: Event) => (this.source = (e.target as HTMLSelectElement).value as 'iOS')}
              >
                ${sources.map((name) => html`<option value=${name} ?selected=${name === this.source}>${name}</option>`)}
              </select>
              <label for="partner">Partner id</label>
              <input
                id="partner"
                .value=${this.partnerId}
                @input=${(e: Event) => (this.partnerId = (e.target as HTMLInputElement).value)}
              />
              <label for="first-login">First login</label>
              <select
                id="first-login"
                @change=${(e: Event) => (this.firstLogin = (e.target as HTMLSelectElement).value === 'true')}
              >
                <option value="true">true (sign up)</option>
                <option value="false">false (log in)</option>
              </select>
            </div>
            <div class="sim-buttons">
              <button @click=${this.handleLaunch}>Launch the app (SSO)</button>
              <button class="secondary" @click=${this.handlePlatformLogin}>Sign in to the platform (handoff)</button>
              <button class="secondary" @click=${() => this.handleLogout(false)}>Sign out</button>
              <button class="secondary" @click=${() => this.handleLogout(true)}>Forget stored token</button>
            </div>
            ${
              this.sim
                ? html`<p>
                    Password reset mails of the broker:
                    <a href=${`${this.sim.brokerUrl}/dev/outbox`} target="_blank" rel="noopener noreferrer"
                      >the broker's dev outbox</a
                    >
                  </p>`
                : nothing
            }
          </section>
          <section class="sim-panel" aria-labelledby="session-heading">
            <h2 id="session-heading">Session</h2>
            <div
              class="sim-status ${this.failed ? 'error' : ''}"
              role=${this.failed ? 'alert' : 'status'}
              data-testid="sim-status"
            >
              ${this.status}
            </div>
            ${
              session
                ? html`<dl class="sim-session" data-testid="sim-session">
                    <dt>User id</dt>
                    <dd data-testid="sim-user-id">${session.userId}</dd>
                    <dt>Email</dt>
                    <dd>${session.email}</dd>
                    <dt>Identity from</dt>
                    <dd>${session.createdBy === 'broker' ? 'the broker (SSO)' : 'the platform (handoff)'}</dd>
                    <dt>Access token</dt>
                    <dd data-testid="sim-access-token">${session.accessToken ?? 'none (platform session only)'}</dd>
                    <dt>Accounts</dt>
                    <dd>
                      ${session.accounts.map(
                        (account) =>
                          html`<div>
                            ${account.login} · ${account.currency} · ${account.environment ?? ''} · ${account.balance}
                          </div>`,
                      )}
                    </dd>
                    <dt>Ribbons</dt>
                    <dd data-testid="sim-ribbons">
                      ${session.ribbons.length > 0 ? this.renderRibbons(session.ribbons) : 'none set by the broker'}
                    </dd>
                  </dl>`
                : html`<p>Not signed in.${this.sim?.storedAccessToken ? ' A stored access token is kept.' : ''}</p>`
            }
          </section>
          <section class="sim-panel" aria-labelledby="inapp-heading">
            <h2 id="inapp-heading">In-app screens</h2>
            <div class="sim-fields">
              <label for="scenario">Token</label>
              <select id="scenario" @change=${(e: Event) => (this.scenario = (e.target as HTMLSelectElement).value)}>
                ${scenarios.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
              </select>
              <label for="account">Account</label>
              <select id="account" @change=${(e: Event) => (this.account = (e.target as HTMLSelectElement).value)}>
                <option value="">first account</option>
                ${session?.accounts.map((account) => html`<option value=${account.login}>${account.login}</option>`) ?? nothing}
              </select>
              <label for="action-type">actionType</label>
              <input
                id="action-type"
                .value=${this.actionType}
                @input=${(e: Event) => (this.actionType = (e.target as HTMLInputElement).value)}
              />
              <label for="kyc-type">kycType</label>
              <input
                id="kyc-type"
                .value=${this.kycType}
                @input=${(e: Event) => (this.kycType = (e.target as HTMLInputElement).value)}
              />
            </div>
            <div class="sim-buttons">
              ${actions.map((action) => html`<button class="secondary" @click=${() => this.handleOpen(action)}>Open ${action}</button>`)}
            </div>
          </section>
        </div>
        <div class="sim-device ${this.device}" data-testid="sim-device">
          <div class="sim-device-bar">
            <span>${this.device === 'phone' ? 'Phone webview' : 'Desktop webview'}</span>
            ${this.frameUrl ? html`<button @click=${this.handleClose}>Close webview</button>` : nothing}
          </div>
          ${
            this.frameUrl
              ? html`<iframe
                  title="Broker screen"
                  name="webview"
                  src=${this.frameUrl}
                  referrerpolicy="no-referrer"
                  allow="clipboard-write"
                  @load=${this.handleFrameLoad}
                ></iframe>`
              : html`<div class="sim-idle"><p>No webview open.</p></div>`
          }
        </div>
      </main>
    `;
  }
}

customElements.define('sim-app', SimApp);
document.getElementById('app')!.append(document.createElement('sim-app'));
