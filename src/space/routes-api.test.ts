import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { createTestApp } from '../../test/support/app.js';

const ACCOUNT = 'A1b2C3d4E5f6G7h8I9j0Kl';
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const TOKEN = 'T'.repeat(43);

describe('the space sync API', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });
  const url = `/api/v1/space/${ACCOUNT}/blobs/snapshot`;

  it('writes, reads and lists ciphertext under a bearer token, never cached', async () => {
    const put = await app.server.inject({
      method: 'PUT',
      url,
      headers: auth(TOKEN),
      payload: { expectedVersion: 0, ciphertext: 'AAECAwQFBgcICQ==' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ id: 'snapshot', version: 1, size: 10 });
    const read = await app.server.inject({ url, headers: auth(TOKEN) });
    expect(read.statusCode).toBe(200);
    expect(read.headers['cache-control']).toContain('no-store');
    expect(read.json()).toMatchObject({ version: 1, ciphertext: 'AAECAwQFBgcICQ==' });
    const list = await app.server.inject({
      url: `/api/v1/space/${ACCOUNT}/blobs`,
      headers: auth(TOKEN),
    });
    expect(list.json()).toEqual({ blobs: [expect.objectContaining({ id: 'snapshot', size: 10 })] });
    expect(JSON.stringify(list.json())).not.toContain('AAECAw');
  });

  it('refuses with stable codes: no token, another token, a stale version, a bad body', async () => {
    expect((await app.server.inject({ url })).json().error.code).toBe('PL_SPACE_TOKEN_MISSING');
    const other = await app.server.inject({ url, headers: auth('O'.repeat(43)) });
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'PL_SPACE_TOKEN_WRONG']);
    const stale = await app.server.inject({
      method: 'PUT',
      url,
      headers: auth(TOKEN),
      payload: { expectedVersion: 0, ciphertext: 'AAAA' },
    });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'PL_SPACE_VERSION_CONFLICT']);
    const bad = await app.server.inject({
      method: 'PUT',
      url,
      headers: auth(TOKEN),
      payload: { expectedVersion: 1, ciphertext: 'not base64!' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('deletes the account and its blobs', async () => {
    const gone = await app.server.inject({
      method: 'DELETE',
      url: `/api/v1/space/${ACCOUNT}`,
      headers: auth(TOKEN),
    });
    expect(gone.statusCode).toBe(204);
    expect((await app.server.inject({ url, headers: auth(TOKEN) })).statusCode).toBe(404);
  });
});
