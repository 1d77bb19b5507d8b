import { buildReturnUrl } from '@broker-kit/core';
import type { InAppResult } from './events.ts';

/**
 * The return URL with the outcome appended by core's `buildReturnUrl`, the kit's one redirect rule (https, or
 * http on localhost/127.0.0.1/[::1] only; `action`, `status` and a slug `reference`). Undefined when the
 * configured URL is not acceptable, so a bad value never navigates. The URL comes from the broker
 * configuration, never from the page's query.
 */
export function returnUrlFor(returnUrl: string, result: InAppResult): string | undefined {
  try {
    return buildReturnUrl(returnUrl, result);
  } catch {
    return undefined;
  }
}
