import { describe, expect, it } from 'vitest';
import { checkTileUrl, loadConfig, tileOrigin } from './config.js';

describe('map tiles setting', () => {
  it('is off unless configured', () => {
    expect(loadConfig({}).mapTiles).toBeUndefined();
    expect(loadConfig({ PORCHLIGHT_MAP_TILES: ' ' }).mapTiles).toBeUndefined();
  });

  it('reads the environment, and a flag overrides it', () => {
    const env = { PORCHLIGHT_MAP_TILES: 'https://tiles.example.org/{z}/{x}/{y}.png' };
    expect(loadConfig(env).mapTiles).toBe(env.PORCHLIGHT_MAP_TILES);
    expect(loadConfig(env, { mapTiles: 'https://t.example.net/{z}/{x}/{y}' }).mapTiles).toBe(
      'https://t.example.net/{z}/{x}/{y}',
    );
  });

  it('refuses templates that are not https or lack a tile coordinate', () => {
    expect(() => checkTileUrl('http://tiles.example.org/{z}/{x}/{y}.png', 'T')).toThrow(/https/);
    expect(() => checkTileUrl('https://tiles.example.org/{z}/{x}.png', 'T')).toThrow(/\{y\}/);
    expect(() => checkTileUrl('tiles/{z}/{x}/{y}', 'T')).toThrow(/absolute/);
    expect(checkTileUrl('http://127.0.0.1:9000/{z}/{x}/{y}.png', 'T')).toBe(
      'http://127.0.0.1:9000/{z}/{x}/{y}.png',
    );
  });

  it('names the origin the tiles come from, widening a subdomain placeholder', () => {
    expect(tileOrigin('https://tiles.example.org:8443/a/{z}/{x}/{y}.png')).toBe(
      'https://tiles.example.org:8443',
    );
    expect(tileOrigin('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe(
      'https://*.tile.example.org',
    );
  });
});

describe('the public URL', () => {
  it('defaults to localhost, where passkeys work, for a loopback or any-address bind', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '3000' }).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ HOST: '::1' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({}).mailFrom).toBe('Porchlight <no-reply@localhost>');
  });

  it('keeps another host, and any address the operator sets', () => {
    expect(loadConfig({ HOST: '192.168.1.20' }).publicUrl).toBe('http://192.168.1.20:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://meetings.example.org/' }).publicUrl).toBe(
      'https://meetings.example.org',
    );
  });
});

describe('mail', () => {
  it('writes to the outbox unless SMTP_URL is set, and refuses an SMTP_URL it cannot read', () => {
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(loadConfig({ SMTP_URL: ' ' }).smtpUrl).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.org:587' }).smtpUrl).toBe(
      'smtp://u:p@mail.example.org:587',
    );
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://u:secret@mail.example.org' })).toThrow(
      /^(?!.*secret)/,
    );
  });
});

describe('text messages', () => {
  const sid = `AC${'1'.repeat(32)}`;

  it('sends none unless a provider is set; reads Twilio or a webhook', () => {
    expect(loadConfig({}).sms).toBeUndefined();
    expect(
      loadConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+14135550100' })
        .sms,
    ).toEqual({
      provider: 'twilio',
      accountSid: sid,
      authToken: 't',
      from: '+14135550100',
      apiUrl: 'https://api.twilio.com',
    });
    expect(
      loadConfig({
        SMS_WEBHOOK_URL: 'https://gateway.example.org/send',
        SMS_WEBHOOK_SECRET: 's'.repeat(16),
        SMS_FROM: '+14135550100',
      }).sms,
    ).toMatchObject({ provider: 'webhook', url: 'https://gateway.example.org/send' });
  });

  it('refuses a half-set provider without repeating its secret', () => {
    const cases: NodeJS.ProcessEnv[] = [
      { TWILIO_ACCOUNT_SID: 'AC123', TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM: '+1413' },
      { TWILIO_ACCOUNT_SID: sid, TWILIO_FROM: '+14135550100' },
      { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'secret-token' },
      { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM: '4135550100' },
      {
        TWILIO_ACCOUNT_SID: sid,
        TWILIO_AUTH_TOKEN: 'secret-token',
        TWILIO_FROM: '+14135550100',
        TWILIO_API_URL: 'http://api.example.org',
      },
      { SMS_WEBHOOK_URL: 'https://g.example.org', SMS_WEBHOOK_SECRET: 'short', SMS_FROM: '+1' },
      { SMS_WEBHOOK_URL: 'https://g.example.org', SMS_WEBHOOK_SECRET: 'secret-token-long-enough' },
    ];
    for (const env of cases) {
      let message = '';
      try {
        loadConfig(env);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/TWILIO|SMS_/);
      expect(message).not.toContain('secret-token');
    }
  });
});

describe('web push', () => {
  const publicKey = Buffer.alloc(65, 4).toString('base64url');
  const privateKey = Buffer.alloc(32, 1).toString('base64url');

  it('takes both VAPID keys or neither, and names the operator by PUBLIC_URL or MAIL_FROM', () => {
    expect(loadConfig({}).vapid).toBeUndefined();
    expect(
      loadConfig({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }).vapid,
    ).toEqual({ publicKey, privateKey });
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: publicKey })).toThrow(/both/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: 'abc', VAPID_PRIVATE_KEY: privateKey })).toThrow(
      /65 bytes/,
    );
    expect(loadConfig({ PUBLIC_URL: 'https://meetings.example.org' }).vapidSubject).toBe(
      'https://meetings.example.org',
    );
    expect(loadConfig({ MAIL_FROM: 'Porchlight <ops@example.org>' }).vapidSubject).toBe(
      'mailto:ops@example.org',
    );
    expect(() => loadConfig({ VAPID_SUBJECT: 'ops@example.org' })).toThrow(/VAPID_SUBJECT/);
  });
});

describe('DATABASE_READ_URL', () => {
  it('is none unless set, and takes a replica beside a PostgreSQL primary', () => {
    expect(loadConfig({}).databaseReadUrl).toBeUndefined();
    const env = {
      DATABASE_URL: 'postgres://app@db1/porchlight',
      DATABASE_READ_URL: 'postgres://app@db2/porchlight',
    };
    expect(loadConfig(env).databaseReadUrl).toBe('postgres://app@db2/porchlight');
  });

  it('refuses a replica that is not PostgreSQL, or beside a SQLite file', () => {
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://db1/p', DATABASE_READ_URL: 'sqlite:/tmp/x.db' }),
    ).toThrow(/must be a postgres:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://db2/p' })).toThrow(
      /needs DATABASE_URL to be PostgreSQL/,
    );
  });
});
