// The design-system playground: every primitive in light and dark, left-to-right and right-to-left, with a
// live theme editor whose result is the broker's theme file (one small CSS file of variables).
import { html, render } from 'lit';
import { ContextProvider } from '@lit/context';
import type { i18n } from 'i18next';
import { createI18n, languages } from '@broker-kit/core';
import { i18nContext } from '@broker-kit/elements/context.ts';
import { refPalette, scaleTokens, semanticColors, type SemanticColor } from '@broker-kit/elements/styles/tokens.ts';
import { themeStyles } from '@broker-kit/elements/styles/theme.ts';
import { adoptStyles } from '@broker-kit/elements/styles/adopt-styles.ts';
import '@broker-kit/elements/primitives/screen/define.ts';
import '@broker-kit/elements/primitives/button/define.ts';
import '@broker-kit/elements/primitives/input/define.ts';
import '@broker-kit/elements/primitives/textarea/define.ts';
import '@broker-kit/elements/primitives/checkbox/define.ts';
import '@broker-kit/elements/primitives/select/define.ts';
import '@broker-kit/elements/primitives/alert/define.ts';
import '@broker-kit/elements/primitives/spinner/define.ts';
import '@broker-kit/elements/primitives/progress/define.ts';
import '@broker-kit/elements/primitives/stepper/define.ts';
import '@broker-kit/elements/primitives/tooltip/define.ts';
import '@broker-kit/elements/primitives/copy/define.ts';
import '@broker-kit/elements/primitives/file-drop/define.ts';

const app = document.querySelector<HTMLElement>('#app')!;
const provider = new ContextProvider(app, { context: i18nContext, initialValue: undefined as i18n | undefined });

/** Edited values by variable name (`--bk-…`); only these go into the theme file. */
const edits = new Map<string, string>();
let language = 'en';

const defaultColor = (name: SemanticColor, scheme: 0 | 1) => refPalette[semanticColors[name][scheme]];

function colorPair(name: SemanticColor): [string, string] {
  const edited = edits.get(`--bk-color-${name}`)?.match(/^light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)$/i);
  return edited ? [edited[1]!, edited[2]!] : [defaultColor(name, 0), defaultColor(name, 1)];
}

function themeFile(): string {
  const lines = [...edits].map(([name, value]) => `  ${name}: ${value};`);
  return `/* Broker Kit theme */\n:root {\n${lines.join('\n')}\n}\n`;
}

function setVariable(name: string, value: string) {
  const panels = document.querySelector<HTMLElement>('.panels');
  if (value === '') {
    edits.delete(name);
    panels?.style.removeProperty(name);
  } else {
    edits.set(name, value);
    panels?.style.setProperty(name, value);
  }
  update();
}

function handleColor(name: SemanticColor, scheme: 0 | 1, event: Event) {
  const pair = colorPair(name);
  pair[scheme] = (event.target as HTMLInputElement).value;
  setVariable(`--bk-color-${name}`, `light-dark(${pair[0]}, ${pair[1]})`);
}

async function handleLanguage(event: Event) {
  language = (event.target as HTMLSelectElement).value;
  provider.setValue(await createI18n({ language, namespaces: ['primitives', 'common'] }));
  update();
}

const countries = [
  { value: 'cy', label: 'Cyprus' },
  { value: 'de', label: 'Germany' },
  { value: 'gb', label: 'United Kingdom' },
  { value: 'ae', label: 'United Arab Emirates', disabled: true },
];
const steps = [
  { id: 'identity', label: 'Identity' },
  { id: 'address', label: 'Address' },
  { id: 'review', label: 'Review' },
];

function panel(theme: 'light' | 'dark', dir: 'ltr' | 'rtl') {
  return html`<section class="panel bk-surface bk-theme-${theme}" dir=${dir} aria-label="${theme} ${dir}">
    <h2>${theme} · ${dir}</h2>
    <bk-screen heading="Deposit" subheading="Fund your trading account" closable brand-name="Acme Broker">
      <bk-stepper .steps=${steps} current="address"></bk-stepper>
      <form class="bk-form" @submit=${(event: Event) => event.preventDefault()}>
        <bk-input label="Email" name="email" type="email" autocomplete="username" hint="We never share it"></bk-input>
        <bk-input label="Password" name="password" type="password" autocomplete="current-password"></bk-input>
        <bk-input label="Amount" name="amount" type="amount" currency="EUR" value="1250.5"></bk-input>
        <bk-select label="Country" name="country" .options=${countries}></bk-select>
        <bk-textarea label="Comment" name="comment" maxlength="200"></bk-textarea>
        <bk-file-drop name="document" accept="image/png,image/jpeg,application/pdf" max-size="5000000"></bk-file-drop>
        <bk-checkbox name="terms" required>I accept the terms</bk-checkbox>
        <bk-input label="Reference" name="reference" error="This reference is not known"></bk-input>
        <div class="row">
          <bk-button type="submit">Primary</bk-button>
          <bk-button variant="secondary">Secondary</bk-button>
          <bk-button variant="ghost">Ghost</bk-button>
          <bk-button variant="danger">Danger</bk-button>
          <bk-button loading>Loading</bk-button>
          <bk-button disabled>Disabled</bk-button>
        </div>
      </form>
      <bk-alert variant="info" heading="Info">Deposits arrive within minutes.</bk-alert>
      <bk-alert variant="success" heading="Success" closable>Your deposit was received.</bk-alert>
      <bk-alert variant="warning" heading="Warning">Your session ends in 2 minutes.</bk-alert>
      <bk-alert variant="error" heading="Error"
        >The payment was declined. <bk-button slot="actions" variant="secondary">Try again</bk-button></bk-alert
      >
      <div class="row">
        <bk-spinner></bk-spinner>
        <bk-progress value="60" label="Upload"></bk-progress>
        <bk-tooltip content="Your trading account number"
          ><bk-button variant="ghost">What is this?</bk-button></bk-tooltip
        >
        <bk-copy value="DE89 3704 0044 0532 0130 00" label="Copy IBAN"></bk-copy>
      </div>
      <bk-progress label="Waiting"></bk-progress>
      <p slot="footer">Footer: terms and help links.</p>
    </bk-screen>
  </section>`;
}

function editor() {
  const css = themeFile();
  return html`<aside class="editor" aria-label="Theme editor">
    <h1>Theme editor</h1>
    <p>Edit a token: the previews follow. The theme file below is what a broker ships.</p>
    <label
      >Language
      <select @change=${handleLanguage}>
        ${languages.map((code) => html`<option value=${code} ?selected=${code === language}>${code}</option>`)}
      </select></label
    >
    <h2>Colours (light, dark)</h2>
    ${(Object.keys(semanticColors) as SemanticColor[]).map((name) => {
      const [light, dark] = colorPair(name);
      return html`<div class="token">
        <span>--bk-color-${name}</span>
        <input
          type="color"
          aria-label="${name} light"
          .value=${light}
          @input=${(e: Event) => handleColor(name, 0, e)}
        />
        <input type="color" aria-label="${name} dark" .value=${dark} @input=${(e: Event) => handleColor(name, 1, e)} />
      </div>`;
    })}
    <h2>Space, shape and type</h2>
    ${Object.entries(scaleTokens).map(
      ([name, value]) =>
        html`<div class="token">
          <label for="token-${name}">--bk-${name}</label>
          <input
            id="token-${name}"
            type="text"
            placeholder=${value}
            .value=${edits.get(`--bk-${name}`) ?? ''}
            @change=${(e: Event) => setVariable(`--bk-${name}`, (e.target as HTMLInputElement).value.trim())}
          />
          <span></span>
        </div>`,
    )}
    <h2>Theme file</h2>
    <textarea readonly aria-label="Theme CSS" .value=${css}></textarea>
    <div class="row">
      <bk-copy value=${css} label="Copy CSS file"></bk-copy>
      <button
        type="button"
        @click=${() => {
          for (const name of [...edits.keys()]) setVariable(name, '');
        }}
      >
        Reset
      </button>
    </div>
  </aside>`;
}

function update() {
  render(
    html`<div class="layout">
      ${editor()}
      <main class="panels">
        ${panel('light', 'ltr')}${panel('dark', 'ltr')}${panel('light', 'rtl')}${panel('dark', 'rtl')}
      </main>
    </div>`,
    app,
  );
}

update();
// The theme classes and .bk-surface need their rules in this document.
adoptStyles(document, themeStyles);
