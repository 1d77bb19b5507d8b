// Keeps the HTTP exchanges of one check, so a failure can say what was sent and what came back. Secrets are
// masked: passwords, tokens and cookies never reach the report.
export interface Exchange {
  request: string;
  response: string;
}

const secretKeys = /"(password|currentPassword|newPassword|token|accessToken|crmApiToken)"\s*:\s*"[^"]*"/g;

function mask(text: string): string {
  return text.replace(secretKeys, '"$1":"…"').replace(/([?&]token=)[^&\s]+/g, '$1…');
}

function clip(text: string, max = 600): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

export class Recorder {
  readonly exchanges: Exchange[] = [];

  wrap(base: typeof fetch): typeof fetch {
    return async (input, init = {}) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const method = init.method ?? 'GET';
      const body =
        typeof init.body === 'string'
          ? ` ${clip(mask(init.body))}`
          : init.body instanceof FormData
            ? ' (form data)'
            : '';
      const path = new URL(url).pathname;
      const exchange: Exchange = { request: `${method} ${path}${body}`, response: '(no answer)' };
      this.exchanges.push(exchange);
      try {
        const response = await base(input, init);
        const type = response.headers.get('content-type') ?? '';
        const text = type.includes('json') ? await response.clone().text() : '';
        exchange.response = `${response.status}${text ? ` ${clip(mask(text))}` : ''}`;
        return response;
      } catch (error) {
        exchange.response = `network error: ${error instanceof Error ? error.message : String(error)}`;
        throw error;
      }
    };
  }

  /** The last exchanges, oldest first, one line each. */
  report(last = 6): string {
    const shown = this.exchanges.slice(-last);
    const skipped = this.exchanges.length - shown.length;
    return [
      ...(skipped > 0 ? [`(${skipped} earlier exchanges)`] : []),
      ...shown.map((exchange) => `sent ${exchange.request}\n      got ${exchange.response}`),
    ].join('\n    ');
  }
}
