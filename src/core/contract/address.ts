// A route's address, apart from the contract's schemas: the web's first screen builds addresses without loading zod.
/**
 * The address of a route's request: its path with each parameter put in (encoded), and the query string without the
 * empty values. 'GET /api/problems/:code' with { code: 'XC-1' } → '/api/problems/XC-1'.
 */
export function addressOf(route: string, params?: Readonly<Record<string, string | number>>, query?: object): string {
  const path = (route.split(' ')[1] as string).replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${route}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
  return `${path}${queryString(query ?? {})}`;
}

/** "?source=XC2024-01&overdue=true": a query string without the empty values and the flags that are off. */
export function queryString(query: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
