import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { ContextProvider } from '@lit/context';
import { i18nContext } from '../../context.ts';
import { LocalizeController } from '../../controllers/localize.ts';
import { applyTheme } from '../../styles/theme.ts';
import { tokens } from '../../styles/tokens.ts';
import { callbackStyles } from './callback.styles.ts';
import { screenParts } from '../../primitives/screen/screen.ts';

/**
 * @summary The success page (route `/callback/success`) for brokers whose success URL is their own.
 *
 * The platform closes its webview when it sees this page's URL and keeps the token; a webview that does not
 * close at once shows "You are signed in, returning to the app". The token arrives as a property only so the
 * page can tell a complete sign-in from a broken link: it is never rendered, stored or sent anywhere.
 *
 * @csspart base - The frame (forwarded from its bk-screen, as are the parts below).
 * @csspart header - The brand row.
 * @csspart brand - The brand wrapper.
 * @csspart close - The Back/close button.
 * @csspart heading - The h1.
 * @csspart subheading - The text under the heading.
 * @csspart body - The body wrapper.
 * @csspart footer - The footer.
 */
export class BkCallback extends LitElement {
  static override styles = [tokens, callbackStyles];

  @property({ attribute: false }) i18n?: i18n;
  /** The OT token from the URL; only its presence matters here. */
  @property({ attribute: false }) token?: string;
  @property() theme?: string;
  /** The broker's name and logo in the screen's header. */
  @property({ attribute: 'brand-name' }) brandName = '';
  @property({ attribute: 'logo-src' }) logoSrc = '';

  private readonly localize = new LocalizeController(this, ['auth', 'common']);
  private readonly i18nProvider = new ContextProvider(this, { context: i18nContext });

  override willUpdate(changed: PropertyValues<this>) {
    const instance = this.localize.instance;
    if (this.i18nProvider.value !== instance) this.i18nProvider.setValue(instance);
    if (changed.has('theme') || !this.hasUpdated) applyTheme(this, this.theme);
  }

  override render() {
    const t = (key: string) => this.localize.t(key);
    const present = typeof this.token === 'string' && this.token.trim() !== '';
    return html`<bk-screen
      exportparts=${screenParts}
      brand-name=${this.brandName}
      logo-src=${this.logoSrc}
      heading=${t(present ? 'auth:callback.title' : 'auth:callback.missingTitle')}
    >
      ${
        present
          ? html`<bk-alert variant="success" heading=${t('auth:callback.message')}
              >${t('auth:callback.hint')}</bk-alert
            >`
          : html`<bk-alert variant="error">${t('auth:callback.missingMessage')}</bk-alert>`
      }
    </bk-screen>`;
  }
}
