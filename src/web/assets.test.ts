import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { createTestApp } from '../../test/support/app.js';
import { loadClientAssets } from './assets.js';

describe('loadClientAssets', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-assets-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is quietly absent without a build, and says why when the build is broken', () => {
    const warnings: string[] = [];
    expect(loadClientAssets(tempDir(), (m) => warnings.push(m))).toBeUndefined();
    expect(warnings).toEqual([]);
    const broken = tempDir();
    mkdirSync(join(broken, '.vite'));
    writeFileSync(join(broken, '.vite', 'manifest.json'), '{ half');
    expect(loadClientAssets(broken, (m) => warnings.push(m))).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('links the entry and its static imports, and caches hashed files for a year', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.vite'));
    mkdirSync(join(dir, 'assets'));
    mkdirSync(join(dir, 'icons'));
    writeFileSync(
      join(dir, '.vite', 'manifest.json'),
      JSON.stringify({
        'main.ts': { file: 'assets/main-abc.js', isEntry: true, imports: ['_shared.js'] },
        '_shared.js': { file: 'assets/shared-def.js' },
      }),
    );
    writeFileSync(join(dir, 'assets', 'main-abc.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'shared-def.js'), 'export {}');
    writeFileSync(join(dir, 'assets', 'notes.txt'), 'not served');
    writeFileSync(join(dir, 'icons', 'icon.svg'), '<svg/>');
    writeFileSync(join(dir, 'sw.js'), 'self');
    const assets = loadClientAssets(dir)!;
    expect(assets.script).toBe('/assets/main-abc.js');
    expect(assets.preload).toEqual(['/assets/shared-def.js']);
    expect([...assets.files.keys()].sort()).toEqual([
      '/assets/main-abc.js',
      '/assets/shared-def.js',
      '/icons/icon.svg',
      '/sw.js',
    ]);
    expect(assets.files.get('/assets/main-abc.js')?.cacheControl).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(assets.files.get('/sw.js')?.cacheControl).toBe('no-cache');
  });
});

describe('the client build over HTTP', () => {
  let app: App;
  let withTiles: App;

  beforeAll(async () => {
    app = await createTestApp();
    withTiles = await createTestApp({ mapTiles: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' });
  });
  afterAll(async () => {
    await app?.close();
    await withTiles?.close();
  });

  // The vitest global setup builds dist/client; these check what the server makes of it.
  const built = loadClientAssets();

  it.skipIf(built === undefined)('pages load the hashed entry as a deferred module', async () => {
    const page = await app.server.inject({ url: '/en/help' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<script type="module" defer src="${built!.script}"></script>`);
    expect(page.body).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    expect(page.body).toMatch(/<template id="pl-ui" data-rendered-at="\d{4}-\d\d-\d\dT[^"]+Z">/);
    // No inline script anywhere: every script element has a source.
    expect(page.body.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
    // No map offered without tiles.
    expect(page.body).not.toContain('data-tiles');

    const script = await app.server.inject({ url: built!.script });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.skipIf(built === undefined)(
    'serves the worker from the root, always revalidated',
    async () => {
      const sw = await app.server.inject({ url: '/sw.js' });
      expect(sw.statusCode).toBe(200);
      expect(sw.headers['cache-control']).toBe('no-cache');
      expect(sw.body).toContain(built!.script.slice(1));
      const manifest = await app.server.inject({ url: '/manifest.webmanifest' });
      expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
      expect(JSON.parse(manifest.body)).toMatchObject({
        short_name: 'Porchlight',
        start_url: '/',
        display: 'standalone',
      });
    },
  );

  it('answers 404 with a code for anything not in the build', async () => {
    for (const url of [
      '/assets/nope-123.js',
      '/assets/..%2F..%2Fpackage.json',
      '/assets/../package.json',
      '/icons/%2e%2e%2fsw.js',
    ]) {
      const response = await app.server.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json<{ error: { code: string } }>().error.code, url).toBe('PL_NOT_FOUND');
    }
  });

  it('allows the tile origin in the CSP only when tiles are configured', async () => {
    const plain = await app.server.inject({ url: '/en/about' });
    const csp = String(plain.headers['content-security-policy']);
    expect(csp).toContain("img-src 'self' data:;");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('tiles.example.org');
    const mapped = await withTiles.server.inject({ url: '/en/about' });
    const tileCsp = String(mapped.headers['content-security-policy']);
    expect(tileCsp).toContain("img-src 'self' data: https://*.tiles.example.org;");
    expect(tileCsp).toContain("connect-src 'self' https://*.tiles.example.org");
    // Scripts from the asset path only (never 'self': a same-origin JSONP answer is a script).
    expect(tileCsp).toMatch(/script-src https:\/\/meetings\.example\.org\/assets\/ [^;']*;/);
    if (built !== undefined)
      expect(mapped.body).toContain('data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"');
  });
});
