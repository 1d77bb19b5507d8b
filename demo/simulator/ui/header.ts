import { html } from 'lit';

/** The bar shared by the simulator's pages: what this is, the broker's identity mode, and where to go. */
export function header(title: string, identity?: string) {
  return html`<header class="sim-bar">
    <h1>${title}</h1>
    ${identity ? html`<span>Broker identity mode: <strong data-testid="sim-identity">${identity}</strong></span>` : ''}
    <nav aria-label="Simulator pages">
      <ul>
        <li><a href="/">App</a></li>
        <li><a href="/log.html">What the broker sent</a></li>
        <li><a href="/playground/">Playground</a></li>
        <li><a href="/playground/primitives.html">Primitives</a></li>
      </ul>
    </nav>
  </header>`;
}
