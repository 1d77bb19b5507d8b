// The KYC provider port's reference implementation (the port is core's `KycVendor`): a small generic vendor API
// over HTTP, which the demo's simulated vendor speaks too. The screen hands the trader to the vendor (its page, or
// its SDK embedded in the screen), the vendor calls back with a signed webhook, and its result is mapped to a
// decision here. A broker writes one class like HttpKycVendor for its own vendor.
import * as z from 'zod';
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import type { DocumentType, KycCheckStart, KycItem, KycReviewReason } from '@broker-kit/core/adapter/schemas.ts';
import type { KycDecisionInput } from '@broker-kit/core/rules/kyc-case.ts';
import type { KycCheckInput, KycVendor, KycVendorEvent, WebhookHeaders } from '@broker-kit/core/services/kyc.ts';
import { verifyWebhookSignature } from '../payments/provider.ts';

export const kycSignatureHeader = 'x-kyc-signature';

/** The vendor's result vocabulary. */
const vendorResults = ['approved', 'declined', 'retry'] as const;
const vendorResultDecision: Record<(typeof vendorResults)[number], KycDecisionInput['decision']> = {
  approved: 'approve',
  declined: 'reject',
  retry: 'request_resubmission',
};
/** The vendor's reason codes to ours; an unknown one reads as `other`. */
const vendorReasons: Record<string, KycReviewReason> = {
  IMAGE_UNREADABLE: 'unreadable',
  DOCUMENT_EXPIRED: 'expired',
  DATA_MISMATCH: 'mismatch',
  FACE_MISMATCH: 'mismatch',
  DOCUMENT_INCOMPLETE: 'incomplete',
  WRONG_DOCUMENT: 'wrong_document',
  DOCUMENT_NOT_ACCEPTED: 'not_accepted',
};
/** What the vendor checked, to what our case names. */
const vendorSubjects: Record<string, KycItem> = {
  ID_DOCUMENT: 'passport' satisfies DocumentType,
  SELFIE: 'selfie',
  PROOF_OF_ADDRESS: 'proof_of_address',
  FIRST_NAME: 'firstName',
  LAST_NAME: 'lastName',
  DATE_OF_BIRTH: 'dateOfBirth',
  NATIONALITY: 'nationality',
};

const webhookSchema = z.object({
  eventId: z.string().min(1).max(100),
  reference: z.string().min(1).max(100),
  result: z.enum(vendorResults),
  reasons: z
    .array(z.object({ subject: z.string().max(40), code: z.string().max(40) }))
    .max(20)
    .default([]),
});

const startSchema = z.object({
  id: z.string().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }).optional(),
  sdk: z.object({ scriptUrl: z.url({ protocol: /^https?$/ }), sessionToken: z.string().min(1).max(500) }).optional(),
});

/** Maps a vendor webhook body to a decision: reasons on things our case does not name are kept as a note. */
export function mapVendorResult(body: z.infer<typeof webhookSchema>): KycDecisionInput {
  const decision = vendorResultDecision[body.result];
  if (decision === 'approve') return { decision, items: [] };
  const items = body.reasons.flatMap((reason) => {
    const item = vendorSubjects[reason.subject];
    return item ? [{ item, reason: vendorReasons[reason.code] ?? 'other' }] : [];
  });
  // A request to retry that names nothing we know asks for the identity document again.
  if (decision === 'request_resubmission' && items.length === 0) items.push({ item: 'passport', reason: 'other' });
  return { decision, items };
}

export class HttpKycVendor implements KycVendor {
  readonly name: string;

  constructor(
    private readonly options: {
      name?: string;
      baseUrl: string;
      apiKey: string;
      webhookSecret: string;
      timeoutMs: number;
      /** `sdk`: the vendor's script runs inside the screen; `redirect`: the trader goes to the vendor's page. */
      flow: 'redirect' | 'sdk';
    },
  ) {
    this.name = options.name ?? 'vendor';
  }

  async startCheck(input: KycCheckInput): Promise<KycCheckStart> {
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}/v1/checks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          reference: input.checkId,
          applicant: input.applicant,
          flow: this.options.flow,
          returnUrl: input.returnUrl,
          webhookUrl: input.webhookUrl,
          language: input.language,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new BrokerKitError(timedOut ? 'TIMEOUT' : 'PLATFORM_UNAVAILABLE', 'KYC vendor unreachable', {
        cause: error,
      });
    }
    const parsed = startSchema.safeParse(await response.json().catch(() => undefined));
    if (!response.ok || !parsed.success)
      throw new BrokerKitError('PLATFORM_UNAVAILABLE', `KYC vendor answered ${response.status}`);
    if (this.options.flow === 'sdk' && parsed.data.sdk) return { type: 'sdk', ...parsed.data.sdk };
    if (parsed.data.url) return { type: 'redirect', url: parsed.data.url };
    throw new BrokerKitError('PLATFORM_UNAVAILABLE', 'KYC vendor gave no next step');
  }

  verifyWebhook(rawBody: string, headers: WebhookHeaders, now: number): KycVendorEvent {
    verifyWebhookSignature(this.options.webhookSecret, rawBody, headers.get(kycSignatureHeader), now);
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new BrokerKitError('INVALID_REQUEST', 'Webhook body is not JSON');
    }
    const parsed = webhookSchema.safeParse(json);
    if (!parsed.success) throw new BrokerKitError('INVALID_REQUEST', 'Webhook body has an unexpected shape');
    return { eventId: parsed.data.eventId, checkId: parsed.data.reference, decision: mapVendorResult(parsed.data) };
  }
}

/** The development credentials of the demo's simulated vendor: public, so only for the demo. */
export const developmentKycVendorSecrets = {
  apiKey: 'dev-kyc-vendor-api-key-0000',
  webhookSecret: 'dev-kyc-vendor-webhook-secret',
} as const;

/**
 * The vendor of the environment: KYC_VENDOR_URL (without it, no vendor), KYC_VENDOR_API_KEY,
 * KYC_VENDOR_WEBHOOK_SECRET, KYC_VENDOR_FLOW (`redirect`, the default, or `sdk`), KYC_VENDOR_TIMEOUT_MS. Outside the
 * demo (DEMO=1) the development credentials are refused.
 */
export function kycVendorSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ConstructorParameters<typeof HttpKycVendor>[0] | undefined {
  if (!env.KYC_VENDOR_URL) return undefined;
  const apiKey = env.KYC_VENDOR_API_KEY ?? developmentKycVendorSecrets.apiKey;
  const webhookSecret = env.KYC_VENDOR_WEBHOOK_SECRET ?? developmentKycVendorSecrets.webhookSecret;
  const known: string[] = Object.values(developmentKycVendorSecrets);
  if (env.DEMO !== '1')
    for (const [name, value] of [
      ['KYC_VENDOR_API_KEY', apiKey],
      ['KYC_VENDOR_WEBHOOK_SECRET', webhookSecret],
    ] as const)
      if (known.includes(value) || value.length < 16)
        throw new Error(`${name} is unset, a development default or shorter than 16 characters (DEMO=1 allows that)`);
  return {
    baseUrl: env.KYC_VENDOR_URL.replace(/\/$/, ''),
    apiKey,
    webhookSecret,
    flow: env.KYC_VENDOR_FLOW === 'sdk' ? 'sdk' : 'redirect',
    timeoutMs: env.KYC_VENDOR_TIMEOUT_MS ? Number(env.KYC_VENDOR_TIMEOUT_MS) : 10_000,
  };
}
