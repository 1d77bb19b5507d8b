import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { i18n, TOptions } from 'i18next';
import { ContextConsumer } from '@lit/context';
import { i18nContext } from '../context.ts';

type Host = ReactiveControllerHost & HTMLElement & { i18n?: i18n };

/**
 * Translates through the i18next instance the host was given (its `i18n` property, else the nearest
 * provider) and re-renders the host when the language changes or a namespace finishes loading.
 * Until an instance arrives, `t` returns the `defaultValue` option, else the key.
 */
export class LocalizeController implements ReactiveController {
  private readonly host: Host;
  private readonly consumer: ContextConsumer<typeof i18nContext, Host>;
  private subscribed: i18n | undefined;
  private readonly handleChange = () => this.host.requestUpdate();

  constructor(
    host: Host,
    private readonly namespaces: string[] = ['common'],
  ) {
    this.host = host;
    this.consumer = new ContextConsumer(host, { context: i18nContext, subscribe: true, callback: () => this.sync() });
    host.addController(this);
  }

  /** The instance in use: an explicit property wins over the context. */
  get instance(): i18n | undefined {
    return this.host.i18n ?? this.consumer.value;
  }

  get language(): string {
    return this.instance?.resolvedLanguage ?? this.instance?.language ?? 'en';
  }

  get dir(): 'ltr' | 'rtl' {
    return this.instance?.dir(this.language) === 'rtl' ? 'rtl' : 'ltr';
  }

  t(key: string, options?: TOptions): string {
    const instance = this.instance;
    if (!instance) return String(options?.defaultValue ?? key);
    return instance.t(key, { ns: this.namespaces, ...options }) as string;
  }

  hostConnected() {
    this.sync();
  }

  hostUpdate() {
    this.sync();
  }

  hostDisconnected() {
    this.unsubscribe();
  }

  private sync() {
    const instance = this.instance;
    if (instance === this.subscribed) return;
    this.unsubscribe();
    if (!instance) return;
    this.subscribed = instance;
    instance.on('languageChanged', this.handleChange);
    instance.on('loaded', this.handleChange);
    const missing = this.namespaces.filter((ns) => !instance.hasLoadedNamespace(ns));
    if (missing.length > 0) void instance.loadNamespaces(missing).then(this.handleChange);
    this.host.requestUpdate();
  }

  private unsubscribe() {
    this.subscribed?.off('languageChanged', this.handleChange);
    this.subscribed?.off('loaded', this.handleChange);
    this.subscribed = undefined;
  }
}
