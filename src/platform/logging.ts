import pino, { type Logger } from 'pino';

/**
 * The process logger. Paths that could hold personal data are redacted, and requests are logged
 * by path only: a query string can carry a person's location or a search for a women's meeting.
 */
export function createLogger(level: string): Logger {
  return pino({
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
        path: req.url.split('?')[0],
      }),
    },
  });
}
