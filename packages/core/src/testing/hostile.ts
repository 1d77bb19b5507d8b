/**
 * Origins that look like `https://broker.example` but are not it: a longer host, credentials that push the real host
 * to the right, homoglyphs (Cyrillic о, Greek ο, full-width letters), a trailing dot, another port or
 * scheme, and the spellings a lax parser reads as a host (`//`, backslashes, `https:host`).
 */
export const lookAlikeOrigins: readonly string[] = [
  'https://broker.example.evil',
  'https://broker.example.evil.test',
  'https://broker.example@evil.test',
  'https://broker.example%2F@evil.test',
  'https://broker.example:x@evil.test',
  'https://evil.test#@broker.example',
  'https://evil.test?@broker.example',
  'https://evil.test\\@broker.example',
  'https://evil-broker.example',
  'https://br\u043Eker.example',
  'https://br\u03BFker.example',
  'https://ｂｒｏｋｅｒ.example',
  'https://xn--brker-kye.example',
  'https://broker.example.',
  'https://broker.example:444',
  'http://broker.example',
  'wss://broker.example',
  '//evil.test',
  '\\\\evil.test',
  '/\\evil.test',
  '\\/evil.test',
  'https:evil.test',
  'https:/\\evil.test',
  'https://evil.test/https://broker.example',
];

/** Schemes that run or embed content where a link or redirect is due, in the spellings that slip past naive checks. */
export const hostileSchemes: readonly string[] = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  '\u0001javascript:alert(1)',
  ' javascript:alert(1)',
  'javascript&colon;alert(1)',
  'jav&#x09;ascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://broker.example/0000',
];

/** Same-origin-looking paths that a URL parser normalises into `//host` (protocol-relative) or another origin. */
export const hostilePaths: readonly string[] = [
  '/.//evil.test',
  '/..//evil.test/x',
  '/a/..//evil.test',
  '/%2e//evil.test',
  '/%2E%2E//evil.test',
  '/./\\evil.test',
  '/\t/evil.test',
  '/%2F%2Fevil.test',
  '/%5C%5Cevil.test',
];

/** One mebibyte: bodies, tokens and parameters must be refused or capped, never slow a parser down. */
export const oneMegabyte = 'x'.repeat(1024 * 1024);

/** The bad inputs of the security requirements: every parser must survive them. */
export const hostileStrings: readonly string[] = [
  ...lookAlikeOrigins,
  ...hostileSchemes,
  ...hostilePaths,
  oneMegabyte,
  'a',
  '\r\n',
  'a\r\nSet-Cookie: x=1',
  '%E0%A4%A',
  '%uFF1C',
  '\uFF1Csvg onload=alert(1)\uFF1E',
  'prototype',
  'toString',
  'hasOwnProperty',
  '{"__proto__":{"polluted":true}}',
  '<img src=x onerror=alert(1)>',
  "'-alert(1)-'",
  '${alert(1)}',
  '{{constructor.constructor("alert(1)")()}}',
  '"><svg onload=alert(1)>',
  '</script><script>alert(1)</script>',
  'dark;}body{background:url(//evil)}',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  'x'.repeat(100 * 1024),
  'a'.repeat(10 * 1024),
  'abc\u202Edef',
  'ab\u200Bcd\u200Cef\u200Dgh\uFEFF',
  'ab\uD800cd',
  'ab\uDC00',
  'ab\u0000cd',
  '%00',
  'abc%0d%0aSet-Cookie:x=1',
  '%252e%252e%252f',
  '%2541%2542%2543%2544',
  'ｄａｒｋ',
  'ｔｏｋｅｎｔｏｋｅｎ',
  '//evil.example',
  '\\\\evil.example',
  '',
  ' ',
  'null',
  'undefined',
];

/** Query strings built from the hostile values: as the value, and as repeated or array-style keys. */
export function hostileQueries(name: string): string[] {
  return [
    ...hostileStrings.map((value) => new URLSearchParams([[name, value]]).toString()),
    ...hostileStrings.map((value) => `${name}=${value}`),
    `${name}=a&${name}=b`,
    `${name}[]=abcdefgh`,
    `${name}=%00`,
    `${name}=%0d%0a`,
    `${name}=%E0%A4%A`,
    `__proto__=x&constructor=y&${name}=z`,
  ];
}
