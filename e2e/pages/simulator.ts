// The platform simulator as a test drives it: launch the app, sign in to the platform, open in-app screens,
// and reach the broker screen inside the webview frame.
import { expect, type Frame, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { simulatorUrl, type Mode } from '../env.ts';

export type InAppAction = 'deposit' | 'withdraw' | 'kyc' | 'action' | 'chat' | 'invite';
export type Scenario =
  | 'valid'
  | 'expired'
  | 'replayed'
  | 'unknown'
  | 'user-deleted'
  | 'platform-down'
  | 'client-auth-failure'
  | 'insufficient-permissions'
  | 'broker-issued';

export interface LaunchOptions {
  lang?: string;
  theme?: 'light' | 'dark';
  firstLogin?: boolean;
  partnerId?: string;
  device?: 'phone' | 'desktop';
}

export class SimulatorPage {
  readonly status: Locator;
  readonly session: Locator;
  readonly webview: FrameLocator;

  constructor(
    readonly page: Page,
    readonly mode: Mode,
  ) {
    this.status = page.getByTestId('sim-status');
    this.session = page.getByTestId('sim-session');
    this.webview = page.frameLocator('iframe[name="webview"]');
  }

  get url() {
    return simulatorUrl(this.mode);
  }

  async goto() {
    await this.page.goto(`${this.url}/`);
    await expect(this.page.getByRole('heading', { name: 'Platform simulator' })).toBeVisible();
  }

  async choose(options: LaunchOptions) {
    if (options.device) await this.page.getByLabel('Device').selectOption(options.device);
    if (options.lang) await this.page.getByLabel('Language').selectOption(options.lang);
    if (options.theme) await this.page.getByLabel('Theme').selectOption(options.theme);
    if (options.firstLogin !== undefined)
      await this.page.getByLabel('First login').selectOption(String(options.firstLogin));
    if (options.partnerId) await this.page.getByLabel('Partner id').fill(options.partnerId);
  }

  async launch(options: LaunchOptions = {}) {
    await this.choose(options);
    await this.page.getByRole('button', { name: 'Launch the app (SSO)' }).click();
  }

  async platformLogin() {
    await this.page.getByRole('button', { name: 'Sign in to the platform (handoff)' }).click();
    await expect(this.session).toBeVisible();
  }

  async open(action: InAppAction, options: LaunchOptions & { scenario?: Scenario } = {}) {
    await this.choose(options);
    await this.page.getByLabel('Token').selectOption(options.scenario ?? 'valid');
    await this.page.getByRole('button', { name: `Open ${action}`, exact: true }).click();
    await expect(this.page.locator('iframe[name="webview"]')).toBeVisible();
  }

  /** The broker page inside the webview, once it has loaded (for axe and URL checks). */
  async frame(): Promise<Frame> {
    const handle = await this.page.locator('iframe[name="webview"]').elementHandle();
    const frame = await handle!.contentFrame();
    await frame!.waitForLoadState();
    return frame!;
  }

  async userId(): Promise<number> {
    return Number(await this.page.getByTestId('sim-user-id').textContent());
  }
}
