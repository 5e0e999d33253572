import { resolve } from 'node:path';
import { parseDuration } from './jobs/duration.js';
import { parseSmtpUrl } from './mail/smtp-url.js';

/**
 * SQLite's `synchronous` setting. `full` (the default) syncs the write-ahead log on every commit,
 * so an acknowledged write survives a power loss; `normal` syncs only at checkpoints, faster but
 * the last commits can be lost; `extra` also syncs the folder after a journal is removed.
 */
export const sqliteSynchronousModes = ['full', 'normal', 'extra'] as const;
export type SqliteSynchronous = (typeof sqliteSynchronousModes)[number];

/** Everything an operator can set; each field has an environment variable and a `serve` flag. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite:<file>` (default, under dataDir), `postgres://...`, or `pglite:memory` for tests. */
  databaseUrl: string;
  /**
   * A streaming replica of the PostgreSQL database (DATABASE_READ_URL): reads that may lag a
   * little (feed exports, catalogues, reports, metrics) go there; writes and everything a person
   * reads back after writing stay on DATABASE_URL (decision 0099).
   */
  databaseReadUrl: string | undefined;
  /**
   * SQLite's `synchronous` setting: `full` (default) makes every acknowledged commit survive a
   * power loss; `normal` is faster and may lose the last commits; `extra` syncs more still.
   */
  sqliteSynchronous: SqliteSynchronous;
  demo: boolean;
  logLevel: string;
  /** The address people reach this server at; meeting URLs in feeds are built on it. */
  publicUrl: string;
  /** Largest feed accepted by an import, in bytes. */
  feedMaxBytes: number;
  /** How long an import waits for a feed URL, in milliseconds. */
  feedTimeoutMs: number;
  /**
   * Private hosts feeds may still be read from (FEED_ALLOW_PRIVATE, comma-separated): `loopback`,
   * addresses, CIDR ranges or host names. Every other private, loopback, link-local or metadata
   * address is refused, after DNS resolution and at every redirect (decision 0110).
   */
  feedAllowPrivate: readonly string[];
  /**
   * The map's tile URL template (`https://tiles.example.org/{z}/{x}/{y}.png`); without one the
   * finder offers no map, and pages never reach another origin.
   */
  mapTiles: string | undefined;
  /** The credit line the tile provider asks for, shown on the map. */
  mapAttribution: string;
  /**
   * Serve the pseudo-locale's pages under `/en-xa/` (PORCHLIGHT_PSEUDO_LOCALE=1): accented,
   * longer, bracketed English that shows untranslated strings and clipped controls.
   */
  pseudoLocale: boolean;
  /** The sender of sign-in mail, e.g. `Porchlight <no-reply@meetings.example.org>`. */
  mailFrom: string;
  /**
   * The SMTP server mail goes through (`smtp://user:password@mail.example.org:587`, STARTTLS
   * required; `smtps://...:465`); without one, mail is written to `DATA_DIR/outbox`.
   */
  smtpUrl: string | undefined;
  /** Where text messages go (`TWILIO_*` or `SMS_WEBHOOK_*`); none by default. */
  sms: SmsConfig | undefined;
  /** The text and voice line's webhooks and helpline (`TWILIO_AUTH_TOKEN`, `TEXTLINE_*`, `VOICE_*`). */
  textline: TextlineConfig;
  /**
   * Web push keys from `VAPID_PUBLIC_KEY` and `VAPID_PRIVATE_KEY`; without them, the pair
   * `porchlight keys create` wrote to `DATA_DIR/keys/vapid.json`, if any.
   */
  vapid: { publicKey: string; privateKey: string } | undefined;
  /**
   * How a push service may reach the operator (`VAPID_SUBJECT`): an https URL or a `mailto:`
   * address; by default PUBLIC_URL when it is https, else the MAIL_FROM address.
   */
  vapidSubject: string;
  /** A meeting no person has verified for this long is flagged stale, in seconds (365 days). */
  staleAfterSeconds: number;
  /** How often the background link check runs, in seconds; 0 turns it off (default 1 day). */
  linkCheckEverySeconds: number;
  /**
   * A Nominatim server that imports may ask for the coordinates of street addresses
   * (`https://nominatim.example.org`); without one, addresses are placed offline at the centre
   * of their ZIP code or town and nothing is sent anywhere.
   */
  geocoderUrl: string | undefined;
  /**
   * The master key that wraps the data keys of personal records (base64 of 32 bytes), from
   * PORCHLIGHT_MASTER_KEY; when unset the key file is used.
   */
  masterKey: string | undefined;
  /** The master key file (PORCHLIGHT_MASTER_KEY_FILE), by default `master.key` in the data directory. */
  masterKeyFile: string;
  /**
   * The bearer token a Prometheus scrape of `/metrics` must bring (METRICS_TOKEN); without one,
   * only requests made directly on the loopback may read it.
   */
  metricsToken: string | undefined;
  /**
   * The reverse proxies in front (TRUST_PROXY): comma-separated addresses or CIDR ranges, or
   * `loopback`; their `X-Forwarded-For` names the client that rate limits count.
   */
  trustProxy: string | undefined;
  /**
   * Redis for counts every instance shares (REDIS_URL, e.g. `redis://127.0.0.1:6379`): rate
   * limits and sign-in throttles. Without it each process counts for itself.
   */
  redisUrl: string | undefined;
}

/**
 * The text-message provider: Twilio (or a provider that copies its API, by `apiUrl`), or a
 * JSON webhook of the operator's own. Absent: no text messages are sent.
 */
export type SmsConfig =
  | {
      provider: 'twilio';
      accountSid: string;
      authToken: string;
      /** The sending number (E.164), or else the Messaging Service that picks one. */
      from?: string;
      messagingServiceSid?: string;
      apiUrl: string;
    }
  | { provider: 'webhook'; url: string; secret: string; from: string };

/**
 * What the text and voice line's webhooks check and where the voice line sends a caller who
 * presses 0. Without a token or a secret, the matching webhook answers 404.
 */
export interface TextlineConfig {
  /** Verifies `X-Twilio-Signature` on `/sms/twilio` and `/voice/twilio` (TWILIO_AUTH_TOKEN). */
  twilioAuthToken: string | undefined;
  /** The shared secret of `/sms/webhook` (TEXTLINE_WEBHOOK_SECRET, at least 16 characters). */
  webhookSecret: string | undefined;
  /** The number a caller is put through to when nobody on call answers (VOICE_HELPLINE, E.164). */
  helpline: string | undefined;
  /**
   * Volunteers on call by a weekly schedule (VOICE_ON_CALL): `Mon-Fri 18:00-22:00 +14135550111;
   * Sat-Sun 09:00-21:00 +14135550112`, read in VOICE_TIME_ZONE (default America/New_York).
   */
  onCall: string | undefined;
  timeZone: string;
}

export type ConfigOverrides = Partial<Config>;

const defaults = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: './data',
  logLevel: 'info',
  feedMaxBytes: 64 * 1024 * 1024,
  feedTimeoutMs: 30_000,
  mapAttribution: 'Map data © OpenStreetMap contributors',
};

/** Reads the configuration from the environment, then applies explicit overrides (CLI flags). */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: ConfigOverrides = {},
): Config {
  const port = overrides.port ?? parseInteger(env.PORT, 'PORT') ?? defaults.port;
  const host = overrides.host ?? env.HOST ?? defaults.host;
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? defaults.dataDir);
  const databaseUrl =
    overrides.databaseUrl ?? env.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'porchlight.db')}`;
  const config: Config = {
    port,
    host,
    dataDir,
    databaseUrl,
    databaseReadUrl: checkReadUrl(
      overrides.databaseReadUrl ?? emptyAsUndefined(env.DATABASE_READ_URL),
      databaseUrl,
    ),
    sqliteSynchronous: parseSynchronous(
      overrides.sqliteSynchronous ?? emptyAsUndefined(env.PORCHLIGHT_SQLITE_SYNCHRONOUS),
    ),
    demo: overrides.demo ?? env.PORCHLIGHT_DEMO !== '0',
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? defaults.logLevel,
    publicUrl: stripSlash(overrides.publicUrl ?? env.PUBLIC_URL ?? defaultPublicUrl(host, port)),
    feedMaxBytes:
      overrides.feedMaxBytes ??
      parseInteger(env.FEED_MAX_BYTES, 'FEED_MAX_BYTES') ??
      defaults.feedMaxBytes,
    feedTimeoutMs:
      overrides.feedTimeoutMs ??
      parseInteger(env.FEED_TIMEOUT_MS, 'FEED_TIMEOUT_MS') ??
      defaults.feedTimeoutMs,
    feedAllowPrivate:
      overrides.feedAllowPrivate ??
      (env.FEED_ALLOW_PRIVATE ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    mapTiles: checkTileUrl(
      overrides.mapTiles ?? emptyAsUndefined(env.PORCHLIGHT_MAP_TILES),
      'PORCHLIGHT_MAP_TILES',
    ),
    mapAttribution:
      overrides.mapAttribution ??
      emptyAsUndefined(env.PORCHLIGHT_MAP_ATTRIBUTION) ??
      defaults.mapAttribution,
    pseudoLocale: overrides.pseudoLocale ?? env.PORCHLIGHT_PSEUDO_LOCALE === '1',
    mailFrom:
      emptyAsUndefined(overrides.mailFrom ?? env.MAIL_FROM) ??
      defaultMailFrom(overrides.publicUrl ?? env.PUBLIC_URL ?? defaultPublicUrl(host, port)),
    smtpUrl: checkSmtpUrl(overrides.smtpUrl ?? emptyAsUndefined(env.SMTP_URL)),
    metricsToken: overrides.metricsToken ?? emptyAsUndefined(env.METRICS_TOKEN),
    trustProxy: overrides.trustProxy ?? emptyAsUndefined(env.TRUST_PROXY),
    redisUrl: overrides.redisUrl ?? emptyAsUndefined(env.REDIS_URL),
    sms: overrides.sms ?? smsSettings(env),
    textline: overrides.textline ?? textlineSettings(env),
    vapid: overrides.vapid ?? vapidSettings(env),
    vapidSubject: '',
    staleAfterSeconds:
      overrides.staleAfterSeconds ??
      parseDurationSetting(env.PORCHLIGHT_STALE_AFTER, 'PORCHLIGHT_STALE_AFTER', 'd') ??
      365 * 86_400,
    linkCheckEverySeconds:
      overrides.linkCheckEverySeconds ??
      parseDurationSetting(env.PORCHLIGHT_LINK_CHECK, 'PORCHLIGHT_LINK_CHECK', 'h') ??
      86_400,
    geocoderUrl: checkGeocoderSetting(
      overrides.geocoderUrl ?? emptyAsUndefined(env.PORCHLIGHT_GEOCODER_URL),
    ),
    masterKey: overrides.masterKey ?? emptyAsUndefined(env.PORCHLIGHT_MASTER_KEY),
    masterKeyFile: resolve(
      overrides.masterKeyFile ??
        emptyAsUndefined(env.PORCHLIGHT_MASTER_KEY_FILE) ??
        resolve(dataDir, 'master.key'),
    ),
  };
  config.vapidSubject = checkVapidSubject(
    overrides.vapidSubject ?? emptyAsUndefined(env.VAPID_SUBJECT) ?? defaultVapidSubject(config),
  );
  return config;
}

/** Both VAPID keys or neither (then `keys create`'s file, if any, is used). */
function vapidSettings(env: NodeJS.ProcessEnv): Config['vapid'] {
  const publicKey = emptyAsUndefined(env.VAPID_PUBLIC_KEY);
  const privateKey = emptyAsUndefined(env.VAPID_PRIVATE_KEY);
  if (publicKey === undefined && privateKey === undefined) return undefined;
  if (publicKey === undefined || privateKey === undefined)
    throw new Error(
      'Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (porchlight keys create --env)',
    );
  if (Buffer.from(publicKey, 'base64url').length !== 65)
    throw new Error('VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes)');
  if (Buffer.from(privateKey, 'base64url').length !== 32)
    throw new Error('VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes)');
  return { publicKey, privateKey };
}

/** PUBLIC_URL when people reach it over https, else `mailto:` the sender of mail. */
function defaultVapidSubject(config: Pick<Config, 'publicUrl' | 'mailFrom'>): string {
  if (config.publicUrl.startsWith('https://')) return config.publicUrl;
  const address = /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom.trim();
  return `mailto:${address}`;
}

function checkVapidSubject(value: string): string {
  if (!/^(https:\/\/|mailto:)\S+$/.test(value))
    throw new Error(`VAPID_SUBJECT must be an https URL or a mailto: address, got "${value}"`);
  return value;
}

/** A replica only beside a PostgreSQL primary, and only a PostgreSQL server itself. */
function checkReadUrl(value: string | undefined, databaseUrl: string): string | undefined {
  if (value === undefined) return undefined;
  const postgres = (url: string) => /^postgres(ql)?:\/\//.test(url);
  if (!postgres(value)) throw new Error('DATABASE_READ_URL must be a postgres:// URL');
  if (!postgres(databaseUrl))
    throw new Error('DATABASE_READ_URL needs DATABASE_URL to be PostgreSQL (its primary)');
  return value;
}

/** `full` unless set; one of SQLite's durable modes, in either case. */
function parseSynchronous(value: string | undefined): SqliteSynchronous {
  if (value === undefined) return 'full';
  const mode = sqliteSynchronousModes.find((m) => m === value.toLowerCase());
  if (mode === undefined)
    throw new Error(
      `PORCHLIGHT_SQLITE_SYNCHRONOUS must be ${sqliteSynchronousModes.join(', ')}, got "${value}"`,
    );
  return mode;
}

/** A duration setting (`365`, `90d`, `12h`; a bare number in `bareUnit`), or undefined if unset. */
function parseDurationSetting(
  value: string | undefined,
  name: string,
  bareUnit: 'd' | 'h',
): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = parseDuration(value, bareUnit);
  if (seconds === undefined)
    throw new Error(`${name} must be a duration such as 365d, 12h or 2w, got "${value}"`);
  return seconds;
}

/**
 * The address people reach a server at when PUBLIC_URL is not set: `localhost` for a loopback or
 * any-address bind, since a passkey cannot be bound to an IP address and browsers treat
 * `http://localhost` (not every IP) as a secure context.
 */
export function defaultPublicUrl(host: string, port: number): string {
  const local = ['127.0.0.1', '0.0.0.0', '::', '::1', '[::1]', 'localhost'].includes(host);
  const name = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** `Porchlight <no-reply@host>` for the host people reach the server at. */
function defaultMailFrom(publicUrl: string): string {
  const host = URL.canParse(publicUrl) ? new URL(publicUrl).hostname : '';
  return `Porchlight <no-reply@${host === '' || host === '0.0.0.0' ? 'localhost' : host}>`;
}

function emptyAsUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * A tile URL template must be absolute https (plain http only on the loopback address, for
 * local tile servers) and carry `{z}`, `{x}` and `{y}`; anything else is refused at start.
 */
export function checkTileUrl(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value.replace(/\{[a-z]\}/g, '0'));
  } catch {
    throw new Error(`${name} must be an absolute URL template, got "${value}"`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new Error(`${name} must be an https URL, got "${value}"`);
  for (const part of ['{z}', '{x}', '{y}'])
    if (!value.includes(part)) throw new Error(`${name} must contain ${part}, got "${value}"`);
  return value;
}

/**
 * The CSP source a tile URL template loads from: its origin, with a `{s}.` subdomain
 * placeholder widened to `*.` (`https://{s}.tile.example.org/...` -> `https://*.tile.example.org`).
 */
export function tileOrigin(template: string): string {
  const origin = new URL(template.replace(/\{[a-z]\}/g, 's')).origin;
  return template.includes('{s}.') ? origin.replace('//s.', '//*.') : origin;
}

/**
 * The text provider from the environment: `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN` and
 * `TWILIO_FROM` or `TWILIO_MESSAGING_SERVICE_SID` (and `TWILIO_API_URL` for a look-alike), or
 * `SMS_WEBHOOK_URL`, `SMS_WEBHOOK_SECRET` and `SMS_FROM`. A half-set provider is refused at
 * start, without repeating the secrets.
 */
function smsSettings(env: NodeJS.ProcessEnv): SmsConfig | undefined {
  const sid = emptyAsUndefined(env.TWILIO_ACCOUNT_SID);
  const webhook = emptyAsUndefined(env.SMS_WEBHOOK_URL);
  if (sid !== undefined && webhook !== undefined)
    throw new Error('Set either TWILIO_ACCOUNT_SID or SMS_WEBHOOK_URL, not both');
  if (sid !== undefined) {
    if (!/^AC[0-9a-fA-F]{32}$/.test(sid))
      throw new Error('TWILIO_ACCOUNT_SID must be AC followed by 32 hexadecimal digits');
    const authToken = emptyAsUndefined(env.TWILIO_AUTH_TOKEN);
    if (authToken === undefined) throw new Error('TWILIO_ACCOUNT_SID needs TWILIO_AUTH_TOKEN');
    const from = emptyAsUndefined(env.TWILIO_FROM);
    const service = emptyAsUndefined(env.TWILIO_MESSAGING_SERVICE_SID);
    if (from === undefined && service === undefined)
      throw new Error('TWILIO_ACCOUNT_SID needs TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID');
    if (from !== undefined && !/^\+[1-9]\d{1,14}$/.test(from))
      throw new Error(`TWILIO_FROM must be a number in E.164 form (+14135550100), got "${from}"`);
    const apiUrl = emptyAsUndefined(env.TWILIO_API_URL) ?? 'https://api.twilio.com';
    checkHttpUrl(apiUrl, 'TWILIO_API_URL');
    return {
      provider: 'twilio',
      accountSid: sid,
      authToken,
      ...(from !== undefined ? { from } : {}),
      ...(service !== undefined ? { messagingServiceSid: service } : {}),
      apiUrl,
    };
  }
  if (webhook === undefined) return undefined;
  checkHttpUrl(webhook, 'SMS_WEBHOOK_URL');
  const secret = emptyAsUndefined(env.SMS_WEBHOOK_SECRET);
  if (secret === undefined || secret.length < 16)
    throw new Error('SMS_WEBHOOK_URL needs SMS_WEBHOOK_SECRET of at least 16 characters');
  const from = emptyAsUndefined(env.SMS_FROM);
  if (from === undefined) throw new Error('SMS_WEBHOOK_URL needs SMS_FROM (the sending number)');
  return { provider: 'webhook', url: webhook, secret, from };
}

/** The line's webhook credentials and helpline from the environment; refused at start when unreadable. */
function textlineSettings(env: NodeJS.ProcessEnv): TextlineConfig {
  const webhookSecret = emptyAsUndefined(env.TEXTLINE_WEBHOOK_SECRET);
  if (webhookSecret !== undefined && webhookSecret.length < 16)
    throw new Error('TEXTLINE_WEBHOOK_SECRET must be at least 16 characters');
  const helpline = emptyAsUndefined(env.VOICE_HELPLINE);
  if (helpline !== undefined && !/^\+[1-9]\d{1,14}$/.test(helpline))
    throw new Error(
      `VOICE_HELPLINE must be a number in E.164 form (+14135550100), got "${helpline}"`,
    );
  return {
    twilioAuthToken: emptyAsUndefined(env.TWILIO_AUTH_TOKEN),
    webhookSecret,
    helpline,
    onCall: emptyAsUndefined(env.VOICE_ON_CALL),
    timeZone: emptyAsUndefined(env.VOICE_TIME_ZONE) ?? 'America/New_York',
  };
}

/** https, or plain http on the loopback address only (a local gateway, tests). */
function checkHttpUrl(value: string, name: string): void {
  if (!URL.canParse(value)) throw new Error(`${name} must be an absolute URL`);
  const url = new URL(value);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new Error(`${name} must be an https URL (plain http only on the loopback address)`);
}

/** The SMTP URL as given, refused at start when it cannot be read. */
function checkSmtpUrl(value: string | undefined): string | undefined {
  if (value !== undefined) parseSmtpUrl(value);
  return value;
}

/** The geocoder URL as given, refused at start unless it is an http(s) URL without a query. */
function checkGeocoderSetting(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PORCHLIGHT_GEOCODER_URL must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`PORCHLIGHT_GEOCODER_URL must be an http(s) URL, got "${value}"`);
  if (url.search !== '' || url.hash !== '')
    throw new Error(`PORCHLIGHT_GEOCODER_URL must have no query or fragment, got "${value}"`);
  return value;
}

function parseInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

function stripSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
