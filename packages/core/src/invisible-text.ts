/**
 * Characters a person never means to type into an e-mail address or a name: C0 and C1 controls (NUL among them),
 * bidirectional overrides and isolates (U+202E shows "moc.elpmaxe" as "example.com"), zero-width characters and
 * lone surrogates. Refused, never stripped: a stripped NUL made `victim@example.com\0` a second account.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const invisible = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|\p{Cs}/u;

export function hasInvisibleCharacters(value: string): boolean {
  return invisible.test(value);
}
