// What a screen reports about its own load, sampled, so the broker can watch real users' load times per route
// and language (the backend turns reports into metrics). No user, token or typed value is part of a report.
import * as z from 'zod/mini';
import { errorCodes } from '../errors.ts';
import { languages } from '../i18n/languages.ts';

/** Timings above two minutes are not load times any more; the schema refuses them. */
export const maxScreenTimingMs = 120_000;
const milliseconds = z.number().check(z.gte(0), z.lte(maxScreenTimingMs));

export const screenTimingSchema = z.strictObject({
  /** The screen's route as the shell serves it (`/inapp/deposit`, `/auth/login`), never a URL with parameters. */
  route: z.string().check(z.regex(/^\/[a-z][a-z/-]{0,63}$/)),
  lang: z.enum(languages),
  /** From navigation start to the first frame that shows an enabled control. */
  firstControlMs: z.optional(milliseconds),
  /** From navigation start to the first frame with a control and nothing busy (data loaded, or an error shown). */
  usableMs: z.optional(milliseconds),
  /** Codes of the backend errors the screen met before it was usable (at most ten). */
  errors: z.array(z.enum(errorCodes)).check(z.maxLength(10)),
});

export type ScreenTiming = z.infer<typeof screenTimingSchema>;

/** Whether this load reports: a rate of 0 never does, 1 always. */
export function sampled(rate: number, random: () => number = Math.random): boolean {
  return rate > 0 && random() < rate;
}
