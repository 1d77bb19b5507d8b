// The playground: theme, language, direction, identity mode and modules, with seed 000's compatibility table
// and the verdict for the chosen set, live; a screen preview runs on the in-memory adapter with those choices.
import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import {
  checkCompatibility,
  compatibilityTable,
  featureModuleLabels,
  featureModules,
  identityModeLabels,
  identityModes,
  type FeatureModule,
  type IdentityMode,
} from '@broker-kit/core/identity.ts';
import { createI18n } from '@broker-kit/core/i18n/i18n.ts';
import { directionOf, languages, type Language } from '@broker-kit/core/i18n/languages.ts';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { loadScreen, screens } from '../../packages/hosted/src/screens.ts';
import { header } from '../simulator/ui/header.ts';

const previewRoutes = Object.keys(screens).filter((route) => route !== '/callback/success');
const cellText = {
  compatible: 'Compatible',
  'not-compatible': 'Not compatible',
  'compatible-with-limitations': 'Compatible with limitations',
};

export class BkPlayground extends LitElement {
  @state() private theme: 'light' | 'dark' = 'light';
  @state() private language: Language = 'en';
  @state() private direction: 'auto' | 'ltr' | 'rtl' = 'auto';
  @state() private mode: IdentityMode = 'sso';
  @state() private modules = new Set<FeatureModule>(['deposit-withdrawal', 'kyc', 'action-chat', 'invite']);
  @state() private route = '/inapp/deposit';
  @state() private preview: HTMLElement | undefined;
  @state() private refusal = '';
  private i18n: i18n | undefined;

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.updatePreview();
  }

  private get textDirection() {
    return this.direction === 'auto' ? directionOf(this.language) : this.direction;
  }

  /** Rebuilds the previewed screen as the hosted shell would: module check first, then the element. */
  private async updatePreview() {
    const entry = screens[this.route]!;
    this.i18n = await createI18n({ language: this.language });
    if (entry.module && compatibilityTable[entry.module][this.mode] === 'not-compatible') {
      this.preview = undefined;
      this.refusal = `${featureModuleLabels[entry.module]} is not compatible with ${identityModeLabels[this.mode]}: the hosted shell refuses this route.`;
      return;
    }
    if (entry.module && !this.modules.has(entry.module)) {
      this.preview = undefined;
      this.refusal = `${featureModuleLabels[entry.module]} is not enabled: the hosted shell refuses this route.`;
      return;
    }
    if (!(await loadScreen(entry))) {
      this.preview = undefined;
      this.refusal = `The ${entry.tag} screen is not in this build yet.`;
      return;
    }
    const adapter = new MemoryAdapter({ latencyMs: 300, signedIn: true, publicUrl: location.origin });
    const action = this.route.startsWith('/inapp/') ? this.route.slice('/inapp/'.length) : undefined;
    const element = document.createElement(entry.tag);
    Object.assign(element, {
      adapter,
      i18n: this.i18n,
      theme: this.theme,
      token: action ? adapter.issueToken({ action: action as 'deposit' }) : undefined,
      account: action ? (await adapter.currentUser()).accounts[0]?.login : undefined,
      actionType: 'change-leverage',
      firstLogin: this.route === '/auth/login' ? true : undefined,
      navigate: (url: string) => console.info('The screen would navigate to', url.replace(/token=[^&]+/, 'token=…')),
    });
    this.refusal = '';
    this.preview = element;
  }

  private handleChange(update: () => void) {
    update();
    void this.updatePreview();
  }

  private toggleModule(module: FeatureModule, on: boolean) {
    const next = new Set(this.modules);
    if (on) next.add(module);
    else next.delete(module);
    this.modules = next;
  }

  override render() {
    const verdict = checkCompatibility(this.mode, [...this.modules]);
    return html`${header('Playground')}
      <main class="sim-main">
        <div>
          <section class="sim-panel" aria-labelledby="look-heading">
            <h2 id="look-heading">Look</h2>
            <div class="sim-fields">
              <label for="pg-theme">Theme</label>
              <select
                id="pg-theme"
                @change=${(e: Event) => this.handleChange(() => (this.theme = (e.target as HTMLSelectElement).value as 'dark'))}
              >
                <option value="light">light</option>
                <option value="dark">dark</option>
              </select>
              <label for="pg-lang">Language</label>
              <select
                id="pg-lang"
                @change=${(e: Event) => this.handleChange(() => (this.language = (e.target as HTMLSelectElement).value as Language))}
              >
                ${languages.map((code) => html`<option value=${code} ?selected=${code === this.language}>${code}</option>`)}
              </select>
              <label for="pg-dir">Direction</label>
              <select
                id="pg-dir"
                @change=${(e: Event) => (this.direction = (e.target as HTMLSelectElement).value as 'auto')}
              >
                <option value="auto">from the language</option>
                <option value="ltr">left to right</option>
                <option value="rtl">right to left</option>
              </select>
              <label for="pg-route">Screen</label>
              <select
                id="pg-route"
                @change=${(e: Event) => this.handleChange(() => (this.route = (e.target as HTMLSelectElement).value))}
              >
                ${previewRoutes.map((route) => html`<option value=${route} ?selected=${route === this.route}>${route}</option>`)}
              </select>
            </div>
          </section>
          <section class="sim-panel" aria-labelledby="identity-heading">
            <h2 id="identity-heading">Identity and modules</h2>
            <fieldset>
              <legend>Identity mode</legend>
              ${identityModes.map(
                (mode) =>
                  html`<label style="display:block">
                    <input
                      type="radio"
                      name="mode"
                      value=${mode}
                      .checked=${mode === this.mode}
                      @change=${() => this.handleChange(() => (this.mode = mode))}
                    />
                    ${identityModeLabels[mode]}
                  </label>`,
              )}
            </fieldset>
            <fieldset>
              <legend>Modules</legend>
              ${featureModules
                .filter((module) => module !== 'identity-only')
                .map(
                  (module) =>
                    html`<label style="display:block">
                      <input
                        type="checkbox"
                        .checked=${this.modules.has(module)}
                        @change=${(e: Event) => this.handleChange(() => this.toggleModule(module, (e.target as HTMLInputElement).checked))}
                      />
                      ${featureModuleLabels[module]}
                    </label>`,
                )}
            </fieldset>
            <div class="sim-status ${verdict.ok ? '' : 'error'}" role="status" data-testid="pg-verdict">
              ${verdict.ok ? 'This configuration is valid.' : 'This configuration is refused at start-up:'}
              ${verdict.errors.map((error) => html`<div>${error.message}</div>`)}
              ${
                verdict.warnings.length > 0
                  ? html`<div>Limitations:</div>
                      <ul>
                        ${verdict.warnings.map((warning) => html`<li>${warning.message}</li>`)}
                      </ul>`
                  : nothing
              }
            </div>
          </section>
        </div>
        <div>
          <section class="sim-panel" aria-labelledby="table-heading">
            <h2 id="table-heading">Module compatibility (seed 000)</h2>
            <table class="sim-table" data-testid="pg-table">
              <thead>
                <tr>
                  <th scope="col">Feature module</th>
                  ${identityModes.map((mode) => html`<th scope="col" aria-current=${mode === this.mode ? 'true' : 'false'}>${identityModeLabels[mode]}${mode === this.mode ? ' (chosen)' : ''}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${featureModules.map(
                  (module) =>
                    html`<tr>
                      <th scope="row">${featureModuleLabels[module]}${this.modules.has(module) ? ' ✓' : ''}</th>
                      ${identityModes.map((mode) => html`<td>${cellText[compatibilityTable[module][mode]]}</td>`)}
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>
          <section
            class="sim-panel bk-theme-${this.theme}"
            aria-labelledby="preview-heading"
            lang=${this.language}
            dir=${this.textDirection}
          >
            <h2 id="preview-heading" lang="en" dir="ltr">Preview: ${this.route} (in-memory adapter)</h2>
            ${this.refusal ? html`<p role="status">${this.refusal}</p>` : (this.preview ?? nothing)}
          </section>
        </div>
      </main>`;
  }
}

customElements.define('bk-playground', BkPlayground);
document.getElementById('app')!.append(document.createElement('bk-playground'));
