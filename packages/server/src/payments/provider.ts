// The payment provider port: how a broker plugs in its PSP or cashier aggregator. The reference implementation
// speaks a small generic PSP API over HTTP (the demo's simulated PSP speaks it too); a broker writes one class
// like HttpPaymentProvider for its own provider. The provider is not ours: every answer is shape-checked.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import { providerStatuses, type ProviderStatus } from '@broker-kit/core/rules/payments.ts';

export const bankInstructionsSchema = z.object({
  beneficiary: z.string().max(200),
  iban: z.string().max(64),
  bic: z.string().max(20),
  /** The reference the customer must quote on the transfer. */
  reference: z.string().max(64),
});

/** What the customer does next: go to the provider's hosted page, or make a bank transfer. */
export const nextActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('redirect'), url: z.url({ protocol: /^https?$/ }) }),
  z.object({ type: z.literal('bank_transfer'), instructions: bankInstructionsSchema }),
]);
export type NextAction = z.infer<typeof nextActionSchema>;

export const providerPaymentSchema = z.object({
  id: z.string().min(1).max(100),
  reference: z.string(),
  status: z.enum(providerStatuses),
  failureCode: z.string().max(40).optional(),
  next: nextActionSchema.optional(),
});
export type ProviderPayment = z.infer<typeof providerPaymentSchema>;

export interface CreatePaymentInput {
  /** Our payment id: the provider's merchant reference, and later the platform's externalId. */
  paymentId: string;
  methodId: string;
  /** Minor units of the currency. */
  amountMinor: bigint;
  currency: string;
  /** Where the hosted page sends the customer back. */
  returnUrl: string;
  webhookUrl: string;
}

export interface WebhookEvent {
  /** Our payment id, as the provider echoes it. */
  reference: string;
  status: ProviderStatus;
  failureCode?: string;
}

export interface PaymentProvider {
  createPayment(input: CreatePaymentInput): Promise<ProviderPayment>;
  /** The provider's view of one of our payments; undefined when it never received it. */
  findPayment(paymentId: string): Promise<ProviderPayment | undefined>;
  /** Checks the signature and shape of a webhook; throws INVALID_REQUEST when either is wrong. */
  verifyWebhook(rawBody: string, headers: Headers, now: number): WebhookEvent;
}

export const signatureHeader = 'x-psp-signature';
/** A signed webhook older than this is refused: a captured one cannot be replayed later. */
const signatureToleranceMs = 5 * 60_000;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: the common shape of PSP webhook signatures. */
export function signWebhook(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

const webhookSchema = z.object({
  reference: z.string().max(100),
  status: z.enum(providerStatuses),
  failureCode: z.string().max(40).optional(),
});

export function verifyWebhookSignature(secret: string, rawBody: string, header: string | null, nowMs: number): void {
  const parts = new Map((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  const expected = createHmac('sha256', secret)
    .update(`${parts.get('t')}.${rawBody}`)
    .digest();
  const fresh = Number.isInteger(t) && Math.abs(nowMs - t * 1000) <= signatureToleranceMs;
  // Equal lengths first: timingSafeEqual throws otherwise.
  if (!fresh || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new BrokerKitError('INVALID_REQUEST', 'Bad webhook signature');
}

export class HttpPaymentProvider implements PaymentProvider {
  constructor(
    private readonly options: { baseUrl: string; apiKey: string; webhookSecret: string; timeoutMs: number },
  ) {}

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new BrokerKitError(timedOut ? 'TIMEOUT' : 'PLATFORM_UNAVAILABLE', `provider ${path} failed`, {
        cause: error,
      });
    }
  }

  private static async parse(response: Response): Promise<ProviderPayment> {
    const parsed = providerPaymentSchema.safeParse(await response.json().catch(() => undefined));
    if (!response.ok || !parsed.success)
      throw new BrokerKitError('PLATFORM_UNAVAILABLE', `provider answered ${response.status}`);
    return parsed.data;
  }

  async createPayment(input: CreatePaymentInput): Promise<ProviderPayment> {
    const response = await this.request('POST', '/v1/payments', {
      reference: input.paymentId,
      method: input.methodId,
      amount: input.amountMinor.toString(),
      currency: input.currency,
      returnUrl: input.returnUrl,
      webhookUrl: input.webhookUrl,
    });
    return HttpPaymentProvider.parse(response);
  }

  async findPayment(paymentId: string): Promise<ProviderPayment | undefined> {
    const response = await this.request('GET', `/v1/payments?reference=${encodeURIComponent(paymentId)}`);
    if (response.status === 404) return undefined;
    return HttpPaymentProvider.parse(response);
  }

  verifyWebhook(rawBody: string, headers: Headers, now: number): WebhookEvent {
    verifyWebhookSignature(this.options.webhookSecret, rawBody, headers.get(signatureHeader), now);
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new BrokerKitError('INVALID_REQUEST', 'Webhook body is not JSON');
    }
    const parsed = webhookSchema.safeParse(json);
    if (!parsed.success) throw new BrokerKitError('INVALID_REQUEST', 'Webhook body has an unexpected shape');
    return parsed.data;
  }
}
