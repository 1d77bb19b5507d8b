/** The bad inputs of the security requirements: every parser must survive them. */
export const hostileStrings: readonly string[] = [
  '"><svg onload=alert(1)>',
  '</script><script>alert(1)</script>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  '\u0001javascript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
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
