/**
 * `/resources`, the public resource finder, through the real server: the search API's filters
 * as a plain GET form, results with one-tap phones and hours, a refused field named beside the
 * form, Spanish, only published sources, and the printable sheet's text.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { fixedClock } from '../src/platform/clock.js';
import { hasPdfToText, pdfPages } from '../src/print/pdf-text.test-support.js';
import { importResources } from '../src/resources/import-resources.js';
import { createTestApp } from './support/app.js';

let app: App;
// A Thursday, 6pm in Greenfield, MA.
const now = '2026-11-26T23:00:00Z';

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock: fixedClock(now) });
  await importResources(
    {
      resources: app.repos.resources,
      clock: fixedClock(now),
      limits: { maxBytes: 5_000_000, timeoutMs: 5_000 },
    },
    {
      source: 'desk-only',
      location: join(import.meta.dirname, 'fixtures/resources/hsds-services.json'),
    },
  );
});
afterAll(async () => app.close());

const get = (url: string) => app.server.inject({ method: 'GET', url });
const names = (html: string) => [...html.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1]);

describe('the public resource finder', () => {
  it('finds buprenorphine prescribers that take Medicaid within 30 miles, with phones to tap', async () => {
    const res = await get(
      '/en/resources?near=01301&radius=30&need=health.addiction-recovery&moud=buprenorphine&cost=medicaid&cost=sliding_scale',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=60');
    const html = res.body;
    expect(names(html).sort()).toEqual([
      'Methadone and buprenorphine clinic',
      'Office-based buprenorphine',
    ]);
    expect(html).toMatch(/2 services near 01301/);
    expect(html).toMatch(/href="tel:\+?\d{10,}"/);
    expect(html).toContain('Hours:');
    expect(html).toMatch(/Mon, Tue, Wed, Thu, Fri: 8:00\sAM–5:00\sPM/);
    // The form shows what was asked, checkboxes ticked from a repeated name.
    expect(html).toMatch(/<input type="checkbox" name="cost" value="medicaid" checked/);
    expect(html).toMatch(/<input type="checkbox" name="cost" value="sliding_scale" checked/);
    expect(html).toMatch(/<option value="30" selected>/);
    // Nothing here loads from another origin; the sheet link keeps the search.
    expect(html).not.toMatch(/<(script|img|iframe)[^>]+src="https?:\/\//);
    expect(html).toContain('/en/resources/sheet.pdf?near=01301&amp;radius=30');
  });

  it('speaks Spanish at /es/resources', async () => {
    const res = await get('/es/resources?near=01301&open_now=true');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="es">');
    expect(res.body).toContain('Encuentre servicios de tratamiento y apoyo');
    expect(res.body).toContain('Abierto ahora');
    expect(res.body).not.toContain('Closed now');
    // The needs in Spanish, the chosen one selected; the English page keeps the taxonomy's words.
    const chosen = await get('/es/resources?near=01301&need=health.addiction-recovery.detox');
    expect(chosen.body).toContain('<optgroup label="Salud">');
    expect(chosen.body).toMatch(
      /<option value="health\.addiction-recovery\.detox" selected[^>]*>– Desintoxicación<\/option>/,
    );
    expect(chosen.body).not.toContain('>– Detox<');
    expect((await get('/en/resources')).body).toContain('>– Detox<');
  });

  it('names a refused field beside the form, with a 400 and nothing cached', async () => {
    const res = await get('/resources?near=Nowhereville%2C%20ZZ&need=food');
    expect(res.statusCode).toBe(400);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatch(/id="resources-problem"[^>]*role="alert"/);
    expect(res.body).toMatch(/id="r-near"[^>]*aria-invalid="true"/);
    // The refused place is not offered again; the rest of the search is kept.
    expect(res.body).toMatch(/<option value="food" selected>/);
  });

  it('shows published sources only', async () => {
    const res = await get('/resources?q=bridge%20clinic');
    expect(res.statusCode).toBe(200);
    expect(names(res.body)).toEqual([]);
  });

  it('prints the same search as a PDF resource sheet', async () => {
    const res = await get('/es/resources/sheet.pdf?near=01301&radius=30&moud=buprenorphine');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (!hasPdfToText) return;
    const text = pdfPages(res.rawPayload).join('\n');
    expect(text).toContain('Servicios cerca de 01301');
    expect(text).toContain('Office-based buprenorphine');
    expect(text).toMatch(/Llame al/);
    expect(text).toContain('988');
  });
});
