import * as z from 'zod/mini';
import { languages, matchLanguage, type Language } from './i18n/languages.ts';

/** Where the platform opened the screen. The seeds also write "Mobile"; real links use lower case. */
export const sources = ['Web', 'Android', 'iOS', 'MacOS', 'Desktop', 'Mobile'] as const;
export type Source = (typeof sources)[number];

export const themes = ['light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** Every screen URL the kit serves (seeds 001 and 002, plus `withdraw` and `invite`). */
export const routes = [
  '/auth/login',
  '/account/create',
  '/callback/success',
  '/inapp/deposit',
  '/inapp/withdraw',
  '/inapp/kyc',
  '/inapp/action',
  '/inapp/chat',
  '/inapp/invite',
] as const;
export type Route = (typeof routes)[number];

// ── value schemas ─────────────────────────────────────────────────────────────────────────────────────────
// Each takes the decoded query string value and outputs the normalized value, or fails.

/** An OT token: base64url-like characters (plus `.` and `~`), 6 to 512 long. The seeds' examples are 6. */
export const tokenPattern = /^[A-Za-z0-9._~-]{6,512}$/;
export const tokenSchema = z.string().check(z.regex(tokenPattern));

/**
 * Free text carried to the backend for attribution (partnerId, utm_*, gclid, eventName): at most 128
 * characters, no control, format (bidi, zero-width), surrogate or private-use characters, no markup or quotes.
 */
export const attributionPattern = /^[^\p{C}<>"'`\\]{1,128}$/u;
export const attributionTextSchema = z.string().check(z.regex(attributionPattern));

/** actionType, kycType: a slug. */
export const slugPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const slugSchema = z.string().check(z.regex(slugPattern));

/** A trading login or user id: a positive integer that is safe in JavaScript. */
export const positiveIntegerSchema = z.pipe(z.string().check(z.regex(/^[1-9][0-9]{0,14}$/)), z.transform(Number));

function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const byLower = new Map(values.map((value) => [value.toLowerCase(), value]));
  return z.pipe(
    z.pipe(
      z.string(),
      z.transform((value) => byLower.get(value.toLowerCase()) ?? ''),
    ),
    z.enum(values),
  );
}

export const sourceSchema = caseInsensitiveEnum(sources);
export const themeSchema = caseInsensitiveEnum(themes);
export const languageParamSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((value) => matchLanguage(value) ?? ''),
  ),
  z.enum(languages),
);
export const booleanParamSchema = z.pipe(
  z.string().check(z.regex(/^(?:true|false|1|0)$/i)),
  z.transform((value) => value === '1' || value.toLowerCase() === 'true'),
);

// ── route definitions ─────────────────────────────────────────────────────────────────────────────────────

export interface ParseOptions {
  /** The broker's default language: the fallback of `lang`. */
  defaultLanguage?: Language;
}

interface ParamDef<T, F> {
  schema: z.ZodMiniType<T, string>;
  required: boolean;
  fallback: (options: ParseOptions) => F;
}

const none = () => undefined;
const optional = <T>(schema: z.ZodMiniType<T, string>): ParamDef<T, undefined> => ({
  schema,
  required: false,
  fallback: none,
});
const required = <T>(schema: z.ZodMiniType<T, string>): ParamDef<T, undefined> => ({
  schema,
  required: true,
  fallback: none,
});
const lang: ParamDef<Language, Language> = {
  schema: languageParamSchema,
  required: false,
  fallback: (options) => options.defaultLanguage ?? 'en',
};
const look = { lang, source: optional(sourceSchema), theme: optional(themeSchema) };
const inApp = { token: required(tokenSchema), ...look };

/** The query parameters of every route, each with its schema, whether it is required, and its fallback. */
export const routeParams = {
  '/auth/login': {
    firstLogin: { schema: booleanParamSchema, required: false, fallback: () => false } as ParamDef<boolean, boolean>,
    ...look,
    partnerId: optional(attributionTextSchema),
    utm_source: optional(attributionTextSchema),
    utm_medium: optional(attributionTextSchema),
    utm_campaign: optional(attributionTextSchema),
    utm_term: optional(attributionTextSchema),
    gclid: optional(attributionTextSchema),
    eventName: optional(attributionTextSchema),
  },
  '/account/create': { userId: optional(positiveIntegerSchema), ...look },
  '/callback/success': { token: required(tokenSchema) },
  '/inapp/deposit': { ...inApp, account: required(positiveIntegerSchema) },
  '/inapp/withdraw': { ...inApp, account: required(positiveIntegerSchema) },
  '/inapp/kyc': { ...inApp, account: optional(positiveIntegerSchema), kycType: optional(slugSchema) },
  '/inapp/action': { ...inApp, account: optional(positiveIntegerSchema), actionType: required(slugSchema) },
  '/inapp/chat': { ...inApp, account: optional(positiveIntegerSchema) },
  '/inapp/invite': { ...inApp, account: optional(positiveIntegerSchema) },
} as const satisfies Record<Route, Record<string, ParamDef<unknown, unknown>>>;

type Defs = typeof routeParams;
export type RouteParams<R extends Route> = {
  -readonly [K in keyof Defs[R]]: Defs[R][K] extends ParamDef<infer T, infer F> ? T | F : never;
};

export type ParamProblem = 'missing' | 'invalid' | 'ambiguous';
export interface ParamIssue {
  param: string;
  problem: ParamProblem;
}

export interface ParsedRoute<R extends Route> {
  route: R;
  params: RouteParams<R>;
  /** What was missing or rejected; empty when every parameter was fine. Never contains the rejected value. */
  issues: ParamIssue[];
}

/** Longer than any parameter we accept: rejected before a pattern runs. */
const maxRawLength = 2048;

function toSearchParams(search: unknown): URLSearchParams {
  if (search instanceof URLSearchParams) return search;
  if (typeof search !== 'string') return new URLSearchParams();
  return new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
}

/**
 * Parses the query string of a route. Never throws: each parameter comes out valid or as its fallback,
 * and `issues` says which were missing, invalid, or given more than once (ambiguous, never "first wins").
 * Unknown parameters are ignored.
 */
export function parseRouteParams<R extends Route>(
  route: R,
  search: string | URLSearchParams,
  options: ParseOptions = {},
): ParsedRoute<R> {
  const query = toSearchParams(search);
  const defs: Record<string, ParamDef<unknown, unknown>> = routeParams[route];
  const params: Record<string, unknown> = {};
  const issues: ParamIssue[] = [];
  for (const [name, def] of Object.entries(defs)) {
    const values = query.getAll(name);
    const raw = values[0];
    let value: unknown;
    let problem: ParamProblem | undefined;
    if (values.length > 1) problem = 'ambiguous';
    else if (raw === undefined || raw === '') problem = def.required ? 'missing' : undefined;
    else if (raw.length > maxRawLength) problem = 'invalid';
    else {
      const parsed = def.schema.safeParse(raw);
      if (parsed.success) value = parsed.data;
      else problem = 'invalid';
    }
    params[name] = value ?? def.fallback(options);
    if (problem) issues.push({ param: name, problem });
  }
  return { route, params: params as RouteParams<R>, issues };
}

/** The route a pathname names (trailing slash and case ignored), or undefined. */
export function matchRoute(pathname: string): Route | undefined {
  if (typeof pathname !== 'string' || pathname.length > 64) return undefined;
  const normalized = pathname.toLowerCase().replace(/\/+$/, '');
  return routes.find((route) => route === normalized);
}
