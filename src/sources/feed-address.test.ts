import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../test/support/feed-server.js';
import { runPorchlightAsync } from '../../test/support/cli.js';
import { checkAllowPrivate, feedConnectLookup, refuseUnlessPublic } from './feed-address.js';
import { readFeedLocation, type FeedReadLimits } from './feed-reader.js';

const refused = { code: 'PL_FEED_URL_REJECTED' };

describe('feed addresses', () => {
  const check = (url: string, allowPrivate: string[] = [], addresses?: string[]) =>
    refuseUnlessPublic(new URL(url), {
      allowPrivate,
      ...(addresses !== undefined ? { resolveHost: () => Promise.resolve(addresses) } : {}),
    });

  it('refuses private, loopback, link-local and metadata addresses written in the URL', async () => {
    for (const url of [
      'https://127.0.0.1/feed.json',
      'https://10.1.2.3/feed.json',
      'https://172.16.0.9/feed.json',
      'https://192.168.1.1/feed.json',
      'https://169.254.169.254/latest/meta-data/',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://[::1]/',
      'https://[fd00:ec2::254]/',
      'https://[fe80::1]/',
      'https://[::ffff:10.0.0.1]/',
    ])
      await expect(check(url), url).rejects.toMatchObject(refused);
    await expect(check('https://93.184.216.34/feed.json')).resolves.toBeUndefined();
  });

  it('refuses a name by what it resolves to: every address must be public', async () => {
    await expect(check('https://feeds.example.org/', [], ['10.0.0.5'])).rejects.toMatchObject({
      ...refused,
      message: expect.stringContaining('resolves to 10.0.0.5') as string,
    });
    await expect(
      check('https://feeds.example.org/', [], ['93.184.216.34', '169.254.169.254']),
    ).rejects.toMatchObject(refused);
    await expect(
      check('https://feeds.example.org/', [], ['93.184.216.34']),
    ).resolves.toBeUndefined();
    // The machine's own resolver: localhost is the loopback.
    await expect(check('http://localhost:9/feed.json')).rejects.toMatchObject(refused);
  });

  it('lets the operator allow the loopback, a range, an address or a name', async () => {
    await expect(check('https://127.0.0.1/', ['loopback'])).resolves.toBeUndefined();
    await expect(check('https://[::1]/', ['loopback'])).resolves.toBeUndefined();
    await expect(check('https://10.1.2.3/', ['10.1.0.0/16'])).resolves.toBeUndefined();
    await expect(check('https://10.2.0.1/', ['10.1.0.0/16'])).rejects.toMatchObject(refused);
    await expect(check('https://mirror.lan/', ['mirror.lan'], ['192.168.1.4'])).resolves.toBe(
      undefined,
    );
    // Allowing the loopback does not allow the metadata service.
    await expect(check('https://169.254.169.254/', ['loopback'])).rejects.toMatchObject(refused);
  });

  it('connects to the addresses it checked, resolving the name once', async () => {
    const lookup = (answers: string[][], allowPrivate: string[] = [], all = false) => {
      let asked = 0;
      const connect = feedConnectLookup({
        allowPrivate,
        resolveHost: () => Promise.resolve(answers[asked++] ?? []),
      });
      return new Promise<{ error: unknown; address: unknown; asked: number }>((resolve) =>
        connect('feeds.example.org', { all }, (error, address) =>
          resolve({ error, address, asked }),
        ),
      );
    };
    expect(await lookup([['93.184.216.34'], ['127.0.0.1']])).toEqual({
      error: null,
      address: '93.184.216.34',
      asked: 1,
    });
    expect(await lookup([['93.184.216.34', '2606:2800:220:1::1']], [], true)).toMatchObject({
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
    });
    // The answer the connection would use is the one judged: a private one is refused.
    expect((await lookup([['127.0.0.1']])).error).toMatchObject(refused);
    expect((await lookup([['93.184.216.34', '169.254.169.254']])).error).toMatchObject(refused);
    expect((await lookup([['127.0.0.1']], ['loopback'])).address).toBe('127.0.0.1');
    expect((await lookup([[]])).error).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('refuses an allowance it cannot read', () => {
    expect(() => checkAllowPrivate(['10.0.0.0/33'])).toThrow(/not an address range/);
    expect(() => checkAllowPrivate(['http://x'])).toThrow(/FEED_ALLOW_PRIVATE/);
    expect(checkAllowPrivate(['loopback', '10.0.0.0/8', 'fd00::/8', 'mirror.lan'])).toHaveLength(4);
  });
});

describe('reading a feed with the address policy', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
    server.respond((url) =>
      url.pathname === '/feed.json'
        ? { kind: 'json', body: [] }
        : url.pathname === '/to-metadata'
          ? {
              kind: 'text',
              body: '',
              status: 302,
              headers: { location: 'http://169.254.169.254/latest/meta-data/' },
            }
          : url.pathname === '/to-feed'
            ? { kind: 'text', body: '', status: 301, headers: { location: '/feed.json' } }
            : undefined,
    );
  });
  afterAll(() => server.close());

  const limits = (allowPrivate: string[]): FeedReadLimits => ({
    maxBytes: 1_000_000,
    timeoutMs: 5000,
    addresses: { allowPrivate },
  });

  it('asks nothing of a loopback server unless allowed, then reads it', async () => {
    const before = server.requests.length;
    await expect(readFeedLocation(`${server.origin}/feed.json`, limits([]))).rejects.toMatchObject(
      refused,
    );
    expect(server.requests.length).toBe(before);
    expect((await readFeedLocation(`${server.origin}/feed.json`, limits(['loopback']))).text).toBe(
      '[]',
    );
  });

  it('checks every redirect before following it', async () => {
    await expect(
      readFeedLocation(`${server.origin}/to-metadata`, limits(['loopback'])),
    ).rejects.toMatchObject({ code: 'PL_FEED_URL_REJECTED' });
    expect((await readFeedLocation(`${server.origin}/to-feed`, limits(['loopback']))).text).toBe(
      '[]',
    );
  });

  it('connects to the address it checked: a name that answers public, then 127.0.0.1, reaches nothing', async () => {
    const port = new URL(server.origin).port;
    // DNS rebinding: the check sees a public address, a second lookup would give the loopback.
    const answers = [['93.184.216.34'], ['127.0.0.1']];
    let asked = 0;
    const before = server.requests.length;
    await expect(
      readFeedLocation(`http://localhost:${port}/feed.json`, {
        ...limits([]),
        addresses: {
          allowPrivate: [],
          resolveHost: () => Promise.resolve(answers[Math.min(asked++, 1)]!),
        },
      }),
    ).rejects.toMatchObject(refused);
    expect(asked).toBe(2);
    expect(server.requests.length).toBe(before);
    // The same read through the same lookup, when the operator allows the loopback.
    const allowed = await readFeedLocation(`http://localhost:${port}/feed.json`, {
      ...limits([]),
      addresses: { allowPrivate: ['loopback'], resolveHost: () => Promise.resolve(['127.0.0.1']) },
    });
    expect(allowed.text).toBe('[]');
  });

  it('is what the command line applies: refused without FEED_ALLOW_PRIVATE', async () => {
    const run = await runPorchlightAsync(
      { DATABASE_URL: 'sqlite::memory:', FEED_ALLOW_PRIVATE: '' },
      ['import', `${server.origin}/feed.json`, '--source', 'local'],
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('PL_FEED_URL_REJECTED');
    expect(run.stderr).toContain('FEED_ALLOW_PRIVATE');
  });
});
