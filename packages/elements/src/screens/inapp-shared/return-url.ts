import { buildReturnUrl } from '@broker-kit/core';
import type { InAppResult } from './events.ts';

/**
 * The return URL with the outcome appended (core's `buildReturnUrl`: https only, `action`, `status` and a
 * slug `reference`); undefined when the configured URL is not acceptable, so a bad value never navigates.
 */
export function returnUrlFor(returnUrl: string, result: InAppResult): string | undefined {
  try {
    return buildReturnUrl(returnUrl, result);
  } catch {
    return undefined;
  }
}
