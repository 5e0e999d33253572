/**
 * Sources in the public API: credentials in a feed's URL and the operator's file paths never
 * reach an unauthenticated answer; a signed-in administrator sees them in full.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { importSource } from '../src/sources/import-source.js';
import { mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';
import { buildScene, signIn, Visitor, type Scene } from './stewardship-editing-support.js';

const secretUrl = 'https://feeduser:hunter2@feeds.example.org/m.json?key=abc123&output=json';
const filePath = '/home/operator/private/franklin.json';
const secrets = ['hunter2', 'feeduser', 'abc123', '/home/operator'];

let app: App;
let scene: Scene;

beforeAll(async () => {
  app = await createTestApp();
  scene = await buildScene(app);
  const deps = app.importDeps;
  await importSource(deps, { source: 'secret-feed', location: secretUrl, rows: [mgRow()] });
  await importSource(deps, {
    source: 'local-file',
    location: filePath,
    rows: [mgRow({ slug: 'local-1', name: 'Local One' })],
  });
  // A failed read whose error message names the path, then one whose message names the URL.
  await importSource(deps, {
    source: 'local-file',
    location: '/home/operator/private/missing.json',
    format: 'meeting-guide',
  });
  await importSource(deps, {
    source: 'secret-feed',
    location: 'https://feeduser:hunter2@[broken',
    format: 'meeting-guide',
  });
});
afterAll(async () => app.close());

describe('GET /api/v1/sources without signing in', () => {
  it('shows no credentials, secret query values or file paths', async () => {
    for (const url of [
      '/api/v1/sources',
      '/api/v1/sources/secret-feed',
      '/api/v1/sources/local-file',
    ]) {
      const res = await app.server.inject({ url });
      expect(res.statusCode, url).toBe(200);
      for (const secret of secrets) expect(res.body, `${url} ${secret}`).not.toContain(secret);
    }
    const local = (await app.server.inject({ url: '/api/v1/sources/local-file' })).json();
    expect(local.lastReport).toMatchObject({ location: 'missing.json', outcome: 'failed' });
    expect(local.lastReport.error.message).toContain('missing.json');
    const secret = (await app.server.inject({ url: '/api/v1/sources/secret-feed' })).json();
    expect(secret.lastReport.error.code).toBe('PL_FEED_URL_REJECTED');
  });

  it('shows the redacted URL of a feed that was read', async () => {
    const res = await app.server.inject({ url: '/api/v1/sources' });
    const franklin = res.json().sources.find((s: { name: string }) => s.name === 'franklin');
    expect(franklin.location).toBe('https://aa.example.org/feed.json');
    const before = await importSource(app.importDeps, {
      source: 'secret-feed',
      location: secretUrl,
      rows: [mgRow()],
    });
    expect(before.outcome).not.toBe('failed');
    const shown = (await app.server.inject({ url: '/api/v1/sources/secret-feed' })).json();
    expect(shown.location).toBe('https://***@feeds.example.org/m.json?key=***&output=json');
    expect(shown.lastReport.location).toBe(shown.location);
  });
});

describe('GET /api/v1/sources as an administrator', () => {
  it('shows locations in full, and the answer is never cached', async () => {
    const visitor = new Visitor(app);
    await signIn(app, visitor, scene.people.administrator!);
    const res = await visitor.request('GET', '/api/v1/sources/local-file');
    expect(res.body).toContain('/home/operator/private/missing.json');
    expect(res.headers['cache-control']).toContain('no-store');
    const editor = new Visitor(app, '127.0.0.2');
    await signIn(app, editor, scene.people.editorInScope!);
    const asEditor = await editor.request('GET', '/api/v1/sources/local-file');
    expect(asEditor.body).not.toContain('/home/operator');
  });
});
