// Outgoing mail. The broker plugs its own Mailer (its SMTP relay or mail service) into startServer; without one,
// every message goes to the `dev_outbox` table of the SQLite store, which `GET /dev/outbox` lists when DEV_OUTBOX=1.
// Never to a log: a mail may carry a one-time link.
import type Database from 'better-sqlite3';
import type { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import i18next, { type i18n } from 'i18next';
import { languages, matchLanguage, type Language } from '@broker-kit/core/i18n/languages.ts';
import { fail, type AppEnv } from './http.ts';
import { statement } from './store/sqlite.ts';

export const mailKinds = ['password-reset'] as const;
export type MailKind = (typeof mailKinds)[number];

export interface MailMessage {
  /** What the mail is for, so a mailer can pick a template or a sender. */
  kind: MailKind;
  to: string;
  /** One of the platform's 23 languages: the language of `subject` and `text`. */
  language: Language;
  subject: string;
  /** Plain text; links are absolute URLs on lines of their own. */
  text: string;
}

/**
 * Delivers mail for the server. `send` resolves once the message is handed over (queued by the broker's mail
 * service, say) and rejects when it could not be; the server never waits for it before answering a request, so
 * how long delivery takes does not tell whether an address has an account.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface OutboxMessage extends MailMessage {
  id: number;
  createdAt: number;
}

/** The default mailer: keeps every message in the store's dev outbox, where a developer reads it. */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  async send(message: MailMessage): Promise<void> {
    statement(
      this.db,
      'INSERT INTO dev_outbox (kind, to_address, language, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(message.kind, message.to, message.language, message.subject, message.text, this.now());
  }
}

/** The newest messages of the dev outbox first. */
export function outboxMessages(db: Database.Database, limit = 100): OutboxMessage[] {
  const rows = statement(db, 'SELECT * FROM dev_outbox ORDER BY id DESC LIMIT ?').all(limit) as {
    id: number;
    kind: MailKind;
    to_address: string;
    language: Language;
    subject: string;
    body: string;
    created_at: number;
  }[];
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    to: row.to_address,
    language: row.language,
    subject: row.subject,
    text: row.body,
    createdAt: row.created_at,
  }));
}

// ── texts ───────────────────────────────────────────────────────────────────────────────────────────────────
// The `mail` namespace of core's translations: the server's own texts, never loaded by a browser. Rendered by
// i18next like every screen's text, so plurals (`{{count}} minutes`) follow each language's CLDR rules.
const requireJson = createRequire(import.meta.url);
let mailI18n: i18n | undefined;

function mailTexts(): i18n {
  if (!mailI18n) {
    const resources = Object.fromEntries(
      languages.map((language) => [
        language,
        { mail: requireJson(`@broker-kit/core/i18n/locales/${language}/mail.json`) as Record<string, unknown> },
      ]),
    );
    mailI18n = i18next.createInstance();
    // Resources given up front: init is synchronous.
    void mailI18n.init({
      resources,
      initAsync: false,
      fallbackLng: 'en',
      supportedLngs: [...languages],
      ns: ['mail'],
      defaultNS: 'mail',
      returnNull: false,
      // Plain-text mail: nothing to escape.
      interpolation: { escapeValue: false },
    });
  }
  return mailI18n;
}

/** `mail:<key>` in the language (else English), with its values filled in. */
function mailText(language: Language, key: string, values: Record<string, string | number>): string {
  return mailTexts().getFixedT(language, 'mail')(key, values);
}

/** The language a request asked for when it is one of the 23, else the broker's default. */
export function mailLanguage(requested: string | undefined, fallback: string): Language {
  return matchLanguage(requested) ?? matchLanguage(fallback) ?? 'en';
}

/** The reset mail: a link to the hosted reset screen with the token in its query (the screen takes it out). */
export function passwordResetMail(options: {
  to: string;
  language: Language;
  publicUrl: string;
  token: string;
  minutes: number;
  brokerName: string;
}): MailMessage {
  const link = new URL('/account/password-reset', options.publicUrl);
  link.searchParams.set('lang', options.language);
  link.searchParams.set('token', options.token);
  const values = { broker: options.brokerName, count: options.minutes, link: link.href };
  return {
    kind: 'password-reset',
    to: options.to,
    language: options.language,
    subject: mailText(options.language, 'passwordReset.subject', values),
    text: mailText(options.language, 'passwordReset.body', values),
  };
}

// ── the dev outbox page ─────────────────────────────────────────────────────────────────────────────────────
/**
 * `GET /dev/outbox`: the dev outbox as a page (links to this server's screens are clickable) or, with
 * `Accept: application/json`, as `{messages}`. Answers 404 unless DEV_OUTBOX=1: production never shows it.
 */
export function devOutboxRoutes(app: Hono<AppEnv>): void {
  app.get('/dev/outbox', (c) => {
    const { settings, config, stores } = c.var.deps;
    if (!settings.devOutbox) fail('NOT_FOUND', 'No such endpoint');
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    const messages = outboxMessages(stores.db);
    if (c.req.header('accept')?.includes('application/json')) return c.json({ messages });
    const nonce = randomBytes(16).toString('base64');
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    c.header('X-Frame-Options', 'DENY');
    const origin = new URL(config.publicUrl).origin;
    const links = (text: string) =>
      [...text.matchAll(/https?:\/\/\S+/g)]
        .map((match) => match[0])
        .filter((url) => URL.canParse(url) && new URL(url).origin === origin);
    const rows = messages.map(
      (message) =>
        html`<article aria-labelledby="mail-${message.id}">
          <h2 id="mail-${message.id}">${message.subject}</h2>
          <p>
            To <strong>${message.to}</strong> ·
            ${new Date(message.createdAt).toISOString().replace('T', ' ').slice(0, 19)} UTC · ${message.kind} ·
            ${message.language}
          </p>
          <pre>${message.text}</pre>
          ${links(message.text).map((url) => html`<p><a href="${url}">Open the link sent to ${message.to}</a></p>`)}
        </article>`,
    );
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="referrer" content="no-referrer" />
            <link rel="icon" href="data:," />
            <title>Dev outbox · Broker Kit</title>
            <style nonce="${nonce}">
              ${raw(outboxCss)}
            </style>
          </head>
          <body>
            <main>
              <h1>Dev outbox</h1>
              <p>
                The mails this server would have sent, newest first. Only a development server shows them
                (DEV_OUTBOX=1); a broker plugs its own mailer.
              </p>
              ${messages.length === 0 ? html`<p>No mail yet.</p>` : rows}
            </main>
          </body>
        </html>`,
    );
  });
}

const outboxCss = `
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1b1f24; background: #f6f7f9; }
  main { max-inline-size: 52rem; margin: 0 auto; padding: 1.5rem; }
  article { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem 1.25rem; margin-block: 1rem; }
  h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 0.75rem; border-radius: 6px; }
  a { color: #0b57d0; }
`;
