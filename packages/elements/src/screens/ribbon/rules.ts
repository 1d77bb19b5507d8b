import { ribbonSchema, ribbonScopes, type Ribbon } from '@broker-kit/core';

/** Targeting precedence, most specific first: an account's rule beats the broker's, which beats the user's. */
const precedence = Object.fromEntries(ribbonScopes.map((scope, index) => [scope, index])) as Record<
  Ribbon['scope'],
  number
>;

/** Parses rules set from outside (a back-office preview): malformed ones are dropped, and counted. */
export function parseRibbons(input: unknown): { rules: Ribbon[]; invalid: number } {
  const list = Array.isArray(input) ? input : [];
  const rules = list.flatMap((item) => {
    const parsed = ribbonSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  return { rules, invalid: list.length - rules.length };
}

/**
 * The one ribbon that applies, as the platform picks it: enabled, not closed, and for `account` scope aimed
 * at this account; then the most specific scope wins (account, broker, user), then list order.
 */
export function selectRibbon(
  rules: readonly Ribbon[],
  { account, closed = new Set() }: { account?: number; closed?: ReadonlySet<string> },
): Ribbon | undefined {
  const applicable = rules.filter(
    (rule) =>
      rule.enabled &&
      !closed.has(rule.id) &&
      (rule.scope !== 'account' || (account !== undefined && rule.target === String(account))),
  );
  // A stable sort keeps list order within one scope.
  return applicable.sort((a, b) => precedence[a.scope] - precedence[b.scope])[0];
}

/** WCAG 2.x relative luminance of `#RRGGBB`. */
export function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Black or white, whichever reads better on `background`. One of the two always reaches at least 4.58:1,
 * so any broker colour meets WCAG AA (4.5:1) for normal text.
 */
export function readableTextColor(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** An external action link: absolute https only (no `javascript:`, `data:`, plain http). */
export function safeExternalUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An in-app action target: a path on this origin (`/inapp/deposit?account=1`). Protocol-relative (`//x`),
 * backslash tricks and absolute URLs to elsewhere are refused.
 */
export function safeInAppPath(value: string, origin: string): string | undefined {
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  try {
    const url = new URL(value, origin);
    // Dot segments can normalise `/.//evil.example` into `//evil.example`, which an href reads as another host.
    if (url.origin !== origin || url.pathname.startsWith('//')) return undefined;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return undefined;
  }
}
