// Headers every answer carries, pages and API alike (error answers included).

/** Isolation and feature headers: no window opened by another site keeps a handle on ours, no other site may load
 * our answers as images or scripts, and no screen may use a device feature the kit never needs. */
export const everyAnswerHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
};

/** Over https (directly or as a trusted proxy says), browsers keep to https for a year. */
export const hstsHeader = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as const;
