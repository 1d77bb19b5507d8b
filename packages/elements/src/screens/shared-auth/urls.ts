/** Appends query parameters to a URL (absolute or relative), skipping empty values and keeping any #fragment. */
export function withQuery(url: string, params: Record<string, string | number | undefined>): string {
  const [base = '', fragment] = url.split('#', 2);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  const joined = text === '' ? base : `${base}${base.includes('?') ? '&' : '?'}${text}`;
  return fragment === undefined ? joined : `${joined}#${fragment}`;
}
