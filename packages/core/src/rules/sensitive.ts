// Payment card numbers and IBANs people type into free text (a chat message, a KYC answer, an action field):
// found by their checksums (Luhn for cards, ISO 7064 mod 97-10 for IBANs) and masked before they are stored or
// exported, so the broker never keeps one it did not ask for in a field made for it.

export type SensitiveKind = 'card' | 'iban';

export interface SensitiveSpan {
  kind: SensitiveKind;
  /** UTF-16 offsets into the text: `text.slice(start, end)` is the number as typed, separators included. */
  start: number;
  end: number;
}

/** What replaces each masked letter or digit; the text keeps its length and its separators. */
export const maskCharacter = '*';

/** Letters and digits a card number or an IBAN may be written in; the last four stay visible. */
const visibleTail = 4;

/** Luhn: double every second digit from the right; the sum is a multiple of ten. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The length of an IBAN in each country that issues them (the SWIFT IBAN registry). */
const ibanLengths: Record<string, number> = Object.fromEntries(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ' +
    'ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 ' +
    'LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 ' +
    'QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30'
  )
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

/**
 * IBAN: country letters, two check digits, then the account, as long as the country's IBANs are; moved and read
 * as a number it is 1 modulo 97.
 */
export function passesIbanChecksum(compact: string): boolean {
  const iban = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban) || ibanLengths[iban.slice(0, 2)] !== iban.length) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of moved) {
    const value = char <= '9' ? char.charCodeAt(0) - 48 : char.charCodeAt(0) - 55;
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** Groups of letters and digits joined by single spaces or hyphens, as people write a long number. */
const chain = /[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*/g;
const group = /[A-Za-z0-9]+/g;
const cardLength = { min: 13, max: 19 };
const ibanLength = { min: 15, max: 34 };

/**
 * The card numbers and IBANs in a text. A number is whole groups: `4111 1111 1111 1111 12/25` is a card and an
 * expiry, while one run of 20 digits is no card at all. Left to right, the longest match first.
 */
export function findSensitive(text: string): SensitiveSpan[] {
  const spans: SensitiveSpan[] = [];
  for (const run of text.matchAll(chain)) {
    const groups = [...run[0].matchAll(group)].map((match) => ({
      text: match[0],
      start: run.index + match.index,
      end: run.index + match.index + match[0].length,
    }));
    let index = 0;
    while (index < groups.length) {
      const found = cardAt(groups, index) ?? ibanAt(groups, index);
      if (found) {
        spans.push({ kind: found.kind, start: groups[index]!.start, end: groups[found.last]!.end });
        index = found.last + 1;
      } else index++;
    }
  }
  return spans;
}

type Group = { text: string; start: number; end: number };

function cardAt(groups: Group[], first: number): { kind: 'card'; last: number } | undefined {
  let digits = '';
  const candidates: { last: number; digits: string }[] = [];
  for (let last = first; last < groups.length && /^\d+$/.test(groups[last]!.text); last++) {
    digits += groups[last]!.text;
    if (digits.length > cardLength.max) break;
    if (digits.length >= cardLength.min) candidates.push({ last, digits });
  }
  const match = candidates.reverse().find((candidate) => passesLuhn(candidate.digits));
  return match && { kind: 'card', last: match.last };
}

function ibanAt(groups: Group[], first: number): { kind: 'iban'; last: number } | undefined {
  if (!/^[A-Za-z]{2}\d{2}/.test(groups[first]!.text)) return undefined;
  let compact = '';
  const candidates: { last: number; compact: string }[] = [];
  for (let last = first; last < groups.length; last++) {
    compact += groups[last]!.text;
    if (compact.length > ibanLength.max) break;
    if (compact.length >= ibanLength.min) candidates.push({ last, compact });
  }
  const match = candidates.reverse().find((candidate) => passesIbanChecksum(candidate.compact));
  return match && { kind: 'iban', last: match.last };
}

/**
 * The text with every card number and IBAN masked: all letters and digits but the last four (and an IBAN's
 * country) become `*`, separators stay. Same length; a masked text masks to itself.
 */
export function maskSensitive(text: string): string {
  const spans = findSensitive(text);
  if (spans.length === 0) return text;
  let masked = '';
  let at = 0;
  for (const span of spans) {
    const number = text.slice(span.start, span.end);
    const keepHead = span.kind === 'iban' ? 2 : 0;
    const alphanumerics = number.replace(/[^A-Za-z0-9]/g, '').length;
    let seen = 0;
    masked += text.slice(at, span.start);
    for (const char of number) {
      if (!/[A-Za-z0-9]/.test(char)) {
        masked += char;
        continue;
      }
      masked += seen < keepHead || alphanumerics - seen <= visibleTail ? char : maskCharacter;
      seen++;
    }
    at = span.end;
  }
  return masked + text.slice(at);
}

/** Every string inside a stored value (a KYC form, an action's field values) masked; other values as they are. */
export function maskSensitiveValues<T>(value: T): T {
  if (typeof value === 'string') return maskSensitive(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskSensitiveValues(item)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, maskSensitiveValues(item as unknown)]),
    ) as T;
  return value;
}
