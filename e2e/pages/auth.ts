// The SSO screens inside the webview: signup, login and account creation, driven by their labels.
import { expect, type FrameLocator, type Page } from '@playwright/test';

export interface NewUser {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  country: string;
}

export function newUser(tag: string): NewUser {
  return {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `ada.${tag}.${Date.now()}@example.com`,
    password: 'Analytical-1843',
    country: 'Germany',
  };
}

export class AuthScreens {
  /** The webview's frame, or the page itself when the screen fills the browser (a phone webview). */
  constructor(readonly frame: FrameLocator | Page) {}

  async signUp(user: NewUser, { keepLoggedIn = true } = {}) {
    const f = this.frame;
    await expect(f.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await f.getByLabel('First name').fill(user.firstName);
    await f.getByLabel('Last name').fill(user.lastName);
    await f.getByLabel('Email').fill(user.email);
    await f.getByLabel('Password', { exact: true }).fill(user.password);
    await f.getByRole('combobox', { name: 'Country of residence' }).click();
    await f.getByRole('option', { name: user.country, exact: true }).click();
    if (keepLoggedIn) await f.getByRole('checkbox', { name: 'Keep me logged in' }).check();
    await f.getByRole('checkbox', { name: 'I accept the terms and conditions' }).check();
    await f.getByRole('checkbox', { name: 'I accept the client agreement' }).check();
    await f.getByRole('button', { name: 'Create account' }).click();
  }

  async logIn(email: string, password: string, { keepLoggedIn = true } = {}) {
    const f = this.frame;
    await expect(f.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await f.getByLabel('Email').fill(email);
    await f.getByLabel('Password', { exact: true }).fill(password);
    if (keepLoggedIn) await f.getByRole('checkbox', { name: 'Keep me logged in' }).check();
    await f.getByRole('button', { name: 'Log in' }).click();
  }

  async createAccount() {
    const f = this.frame;
    await expect(f.getByRole('heading', { name: 'Open a trading account' })).toBeVisible();
    await f.getByRole('button', { name: 'Open account' }).click();
  }
}
