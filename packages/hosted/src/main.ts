import { html, render } from 'lit';
import '@broker-kit/elements/primitives/button/define.ts';

const app = document.getElementById('app')!;
let clicks = 0;
function show() {
  render(
    html`<h1>Broker Kit</h1>
      <p>Route ${location.pathname}</p>
      <bk-button @click=${() => (clicks++, show())}>Clicked ${clicks} times</bk-button>`,
    app,
  );
}
show();
