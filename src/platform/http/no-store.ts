/**
 * Route options for answers that carry personal data: no cache (browser, proxy) may keep a
 * copy. Spread into a route's options: `{ ...noStore, schema }`.
 */
export const noStore = {
  onRequest: (
    _request: unknown,
    reply: { header: (name: string, value: string) => unknown },
    done: () => void,
  ) => {
    reply.header('cache-control', 'no-store');
    done();
  },
};
