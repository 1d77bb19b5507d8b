// What a request says about itself that only a trusted proxy may vouch for: the client's address, https, and the
// host name it was sent to. TRUST_PROXY=N trusts the N proxies in front of this server and nothing a client wrote.
import type { Ctx } from './http.ts';

/**
 * The address the outermost trusted proxy saw: the N-th `X-Forwarded-For` entry from the right. Entries further
 * left were written by the client (or proxies nobody vouches for) and can say anything.
 */
export function forwardedClient(header: string | undefined, hops: number): string | undefined {
  if (hops < 1 || !header) return undefined;
  const entries = header
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const entry = entries[Math.max(0, entries.length - hops)];
  return entry?.slice(0, 64);
}

/** The nearest trusted proxy's word on the scheme: the rightmost `X-Forwarded-Proto` entry. */
export function forwardedHttps(header: string | undefined, hops: number): boolean {
  if (hops < 1 || !header) return false;
  return header.split(',').at(-1)?.trim().toLowerCase() === 'https';
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostAndPort(value: string): { name: string; port: string } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  return match ? { name: match[1]!.toLowerCase(), port: match[2] ?? '' } : undefined;
}

/**
 * Whether a request was addressed to this server's public origin (its `Host`, or behind trusted proxies the
 * nearest one's `X-Forwarded-Host`). A page on another name (DNS rebinding) is refused. On a loopback public URL
 * the other loopback spellings of the same port are the same server.
 */
export function addressedToUs(c: Ctx, publicUrl: string, hops: number): boolean {
  const forwarded = hops > 0 ? c.req.header('x-forwarded-host')?.split(',').at(-1) : undefined;
  const given = hostAndPort(forwarded ?? c.req.header('host') ?? '');
  if (!given) return false;
  const url = new URL(publicUrl);
  const port = given.port === (url.protocol === 'https:' ? '443' : '80') ? '' : given.port;
  if (port !== url.port) return false;
  const expected = url.hostname.toLowerCase();
  return given.name === expected || (loopback.has(expected) && loopback.has(given.name));
}
