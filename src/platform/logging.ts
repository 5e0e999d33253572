import pino, { type DestinationStream, type Logger } from 'pino';

/** Link secrets in a path (43 base64url characters: a ride's, a supporter's) are not logged. */
const SECRET_IN_PATH = /(?<=\/)[A-Za-z0-9_-]{43}(?=\/|$)/g;

/**
 * The process logger. Paths that could hold personal data are redacted, and requests are logged
 * by path only: a query string can carry a person's location or a search for a women's meeting,
 * and a secret in a link's path opens what it links to.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.email',
        '*.phone',
        '*.latitude',
        '*.longitude',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: (req.url.split('?')[0] ?? '').replace(SECRET_IN_PATH, '[secret]'),
      }),
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
