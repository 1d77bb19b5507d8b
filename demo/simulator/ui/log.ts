// The log page: every call between the broker and the simulated platform, bodies shown, secrets masked.
import { html, render } from 'lit';
import { header } from './header.ts';

interface LogEntry {
  id: number;
  at: string;
  direction: string;
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
  status: number;
  response?: unknown;
}

const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

async function show() {
  const { entries } = (await (await fetch('/sim/api/log')).json()) as { entries: LogEntry[] };
  render(
    html`${header('What the broker sent')}
      <main style="padding: 1.25rem">
        <section class="sim-panel" aria-labelledby="log-heading">
          <h2 id="log-heading">Calls between the broker and the platform (newest first)</h2>
          <p>Tokens and passwords are masked. <button class="secondary" @click=${show}>Refresh</button></p>
          <table class="sim-table" data-testid="sim-log">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Direction</th>
                <th scope="col">Call</th>
                <th scope="col">Status</th>
                <th scope="col">Request</th>
                <th scope="col">Response</th>
              </tr>
            </thead>
            <tbody>
              ${entries.map(
                (entry) =>
                  html`<tr>
                    <td>${entry.at.slice(11, 19)}</td>
                    <td>${entry.direction}</td>
                    <td><code>${entry.method} ${entry.path}</code></td>
                    <td>${entry.status}</td>
                    <td>
                      <pre>
${entry.authorization ? `Authorization: ${entry.authorization}\n` : ''}${json(entry.body)}</pre>
                    </td>
                    <td><pre>${json(entry.response)}</pre></td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${entries.length === 0 ? html`<p>No calls yet.</p>` : ''}
        </section>
      </main>`,
    document.getElementById('app')!,
  );
}

void show();
