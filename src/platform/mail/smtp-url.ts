/** `SMTP_URL`, read without loading the mail library (the configuration reads it at start). */

/** What `SMTP_URL` says, in nodemailer's terms. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (`smtps://`). */
  secure: boolean;
  /** Refuse to send unless the server upgrades the connection with STARTTLS. */
  requireTLS: boolean;
  auth?: { user: string; pass: string };
}

/**
 * Reads `SMTP_URL`: `smtp://` needs STARTTLS (port 587 unless given), `smtps://` is TLS at once
 * (port 465); user and password are URL-encoded. `?requireTLS=false` allows a plain connection,
 * for a relay on the same machine only.
 */
export function parseSmtpUrl(text: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('SMTP_URL must be a URL such as smtp://user:password@mail.example.org:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//"`);
  if (url.hostname === '') throw new Error('SMTP_URL has no host');
  const secure = url.protocol === 'smtps:';
  const settings: SmtpSettings = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    requireTLS: !secure && url.searchParams.get('requireTLS') !== 'false',
  };
  if (url.username !== '' || url.password !== '')
    settings.auth = {
      user: decodeURIComponent(url.username),
      pass: decodeURIComponent(url.password),
    };
  return settings;
}
