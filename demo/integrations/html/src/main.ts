// A client area in plain TypeScript: the login screen from the packed packages, wired to the broker's backend.
import { HttpAdapter, createI18n } from '@broker-kit/core';
import '@broker-kit/elements/define/login.js';

const adapter = new HttpAdapter({ baseUrl: import.meta.env.VITE_BROKER_URL ?? '' });
const i18n = await createI18n({ language: new URLSearchParams(location.search).get('lang') });

const app = document.querySelector<HTMLDivElement>('#app')!;
const login = document.createElement('bk-login');
login.adapter = adapter;
login.i18n = i18n;
login.addEventListener('bk-success', (event) => {
  event.preventDefault(); // stay in the client area instead of following the platform's success URL
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.textContent = `Signed in as ${event.detail.userId}`;
  app.replaceChildren(status);
});
app.append(login);
