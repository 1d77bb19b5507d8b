// A simulated identity verification vendor, on its own origin, speaking the generic vendor API of the server's
// KYC provider port (packages/server/src/kyc/provider.ts):
// - POST /v1/checks (Bearer API key) opens a check for the broker's reference: the trader's page and an SDK session;
// - GET /verify/:id is the vendor's page the trader is sent to; it plays the vendor's person checking the documents
//   (approve, decline, ask to retry) and sends the signed webhook, then returns the trader to the broker;
// - its faults, as a real vendor has them: the same webhook twice (`duplicate`), or held back and delivered later
//   on request (`late`, POST /v1/checks/:id/deliver), after the trader has started another check.
import { Hono, type Context } from 'hono';
import { createHmac, randomUUID } from 'node:crypto';

export interface KycVendorOptions {
  publicUrl: string;
  apiKey: string;
  webhookSecret: string;
}

export const vendorResults = ['approved', 'declined', 'retry'] as const;
export const vendorFaults = ['none', 'duplicate', 'late'] as const;
type VendorResult = (typeof vendorResults)[number];

interface Check {
  id: string;
  reference: string;
  applicant: { firstName?: string; lastName?: string };
  returnUrl: string;
  webhookUrl: string;
  /** Signed webhook bodies held back by the `late` fault. */
  held: string[];
  deliveries: { status: number; outcome?: string }[];
  result?: VendorResult;
}

/** What the vendor reports for each result: declined for an unreadable document, retry for the selfie. */
const resultReasons: Record<VendorResult, { subject: string; code: string }[]> = {
  approved: [],
  declined: [{ subject: 'ID_DOCUMENT', code: 'IMAGE_UNREADABLE' }],
  retry: [{ subject: 'SELFIE', code: 'FACE_MISMATCH' }],
};

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** Only http(s) URLs on a loopback or https origin: the simulator never calls or sends anyone elsewhere. */
function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  return url.protocol === 'https:' || (url.protocol === 'http:' && local) ? url.href : undefined;
}

export function createKycVendor(options: KycVendorOptions) {
  const checks = new Map<string, Check>();
  const app = new Hono();

  const authorized = (c: Context) => c.req.header('authorization') === `Bearer ${options.apiKey}`;

  const sign = (body: string) => {
    const t = Math.floor(Date.now() / 1000);
    return `t=${t},v1=${createHmac('sha256', options.webhookSecret).update(`${t}.${body}`).digest('hex')}`;
  };

  async function deliver(check: Check, body: string) {
    try {
      const response = await fetch(check.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kyc-signature': sign(body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      const answer = (await response.json().catch(() => ({}))) as { outcome?: string };
      check.deliveries.push({ status: response.status, ...(answer.outcome && { outcome: answer.outcome }) });
    } catch {
      check.deliveries.push({ status: 0 });
    }
  }

  app.post('/v1/checks', async (c) => {
    if (!authorized(c)) return c.json({ error: 'unauthorized' }, 401);
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const returnUrl = safeUrl(body.returnUrl);
    const webhookUrl = safeUrl(body.webhookUrl);
    const reference = typeof body.reference === 'string' && body.reference.length <= 100 ? body.reference : undefined;
    if (!returnUrl || !webhookUrl || !reference) return c.json({ error: 'invalid request' }, 400);
    const applicant = (body.applicant ?? {}) as Check['applicant'];
    const check: Check = {
      id: `chk_${randomUUID()}`,
      reference,
      applicant: { firstName: String(applicant.firstName ?? ''), lastName: String(applicant.lastName ?? '') },
      returnUrl,
      webhookUrl,
      held: [],
      deliveries: [],
    };
    checks.set(check.id, check);
    return c.json({
      id: check.id,
      url: `${options.publicUrl}/verify/${check.id}`,
      sdk: { scriptUrl: `${options.publicUrl}/sdk.js`, sessionToken: check.id },
    });
  });

  // For tests and the demo: a check's state (deliveries and what the broker answered), found by the broker's reference.
  app.get('/v1/checks', (c) => {
    if (!authorized(c)) return c.json({ error: 'unauthorized' }, 401);
    const reference = c.req.query('reference');
    const found = [...checks.values()].filter((check) => reference === undefined || check.reference === reference);
    return c.json(found.map(({ held, ...check }) => ({ ...check, held: held.length })));
  });

  // Delivers the webhooks the `late` fault held back.
  app.post('/v1/checks/:id/deliver', async (c) => {
    if (!authorized(c)) return c.json({ error: 'unauthorized' }, 401);
    const check = checks.get(c.req.param('id'));
    if (!check) return c.json({ error: 'not found' }, 404);
    for (const body of check.held.splice(0)) await deliver(check, body);
    return c.json({ deliveries: check.deliveries });
  });

  app.get('/verify/:id', (c) => {
    const check = checks.get(c.req.param('id'));
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'self' http: https:",
    );
    c.header('Referrer-Policy', 'no-referrer');
    if (!check)
      return c.html('<!doctype html><title>Unknown check</title><p>This verification link is not valid.</p>', 404);
    const name = escapeHtml(`${check.applicant.firstName ?? ''} ${check.applicant.lastName ?? ''}`.trim());
    const button = (result: VendorResult, label: string) =>
      `<button type="submit" name="result" value="${result}">${label}</button>`;
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Simulated verification vendor</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}button{font:inherit;margin:.25rem .5rem .25rem 0;padding:.5rem 1rem}fieldset{margin:1rem 0}</style></head>
<body><main>
<h1>Identity check</h1>
<p>Simulated vendor: the person checking <strong>${name || 'the applicant'}</strong> decides here.</p>
<form method="post" action="/verify/${check.id}">
<fieldset><legend>Webhook delivery</legend>
<label><input type="radio" name="fault" value="none" checked> Once, now</label><br>
<label><input type="radio" name="fault" value="duplicate"> Twice (duplicate)</label><br>
<label><input type="radio" name="fault" value="late"> Held back, delivered later (late)</label>
</fieldset>
${button('approved', 'Approve')}${button('declined', 'Decline: document unreadable')}${button('retry', 'Ask to retry: selfie')}
</form></main></body></html>`);
  });

  app.post('/verify/:id', async (c) => {
    const check = checks.get(c.req.param('id'));
    if (!check) return c.text('not found', 404);
    const form = await c.req.parseBody();
    const result = vendorResults.find((value) => value === form.result);
    const fault = vendorFaults.find((value) => value === form.fault) ?? 'none';
    if (!result) return c.text('choose a result', 400);
    check.result = result;
    const body = JSON.stringify({
      eventId: `evt_${randomUUID()}`,
      reference: check.reference,
      result,
      reasons: resultReasons[result],
    });
    if (fault === 'late') check.held.push(body);
    else {
      await deliver(check, body);
      if (fault === 'duplicate') await deliver(check, body);
    }
    return c.redirect(check.returnUrl, 303);
  });

  return { app, checks };
}
