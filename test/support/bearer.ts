import type { App } from '../../src/app.js';

/** A JSON API request through the real server, with an API token when one is given. */
export function bearerCall(app: () => App, defaultToken: () => string | null) {
  return (
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    token: string | null = defaultToken(),
  ) =>
    app().server.inject({
      method,
      url,
      ...(token !== null ? { headers: { authorization: `Bearer ${token}` } } : {}),
      ...(payload !== undefined ? { payload } : {}),
    });
}
