import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { createTestApp } from '../../test/support/app.js';

describe('the personal space pages', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves each screen in English and Spanish as a shell the island mounts into', async () => {
    for (const [path, title] of [
      ['/en/space', 'Your space'],
      ['/en/space/check-in', 'Daily check-in'],
      ['/en/space/data', 'Your data'],
      ['/en/space/supporters', 'Your supporters'],
      ['/es/space/supporters', 'Sus personas de apoyo'],
      ['/es/space', 'Su espacio'],
      ['/es/space/check-in', 'Registro diario'],
      ['/es/space/data', 'Sus datos'],
    ] as const) {
      const response = await app.server.inject(path);
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['content-language']).toBe(path.slice(1, 3));
      expect(response.body).toContain(`<h1>${title}</h1>`);
      // The crisis lines, one tap away on every screen.
      expect(response.body).toContain('href="tel:988"');
      expect(response.body).toContain('href="tel:+18006624357"');
      expect(response.body).toMatch(/<div id="space-app" data-screen="[a-z-]+"/);
    }
  });

  it("hands the island its words in the page's language, placeholders left for it to fill", async () => {
    const body = (await app.server.inject('/es/space')).body;
    const words = /data-words="([^"]*)"/.exec(body)?.[1] ?? '';
    const table = JSON.parse(words.replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as Record<
      string,
      string
    >;
    expect(table['space.ui.days.other']).toBe('{n} días');
    expect(table['space.ui.week.count']).toBe('{n} de {goal} esta semana');
    expect(Object.keys(table).every((id) => id.startsWith('space.ui.'))).toBe(true);
    // Only this screen's words: the check-in's are not on the first screen.
    expect(table['space.ui.check.save']).toBeUndefined();
    // The other screens of the language, for the island to keep offline.
    expect(body).toContain(
      'data-screens="/es/space /es/space/check-in /es/space/tools /es/space/supporters /es/space/data"',
    );
  });

  it('hands every screen the help button’s words, and the supporters’ screen its preview line', async () => {
    const wordsOf = async (path: string) => {
      const body = (await app.server.inject(path)).body;
      const words = /data-words="([^"]*)"/.exec(body)?.[1] ?? '';
      return JSON.parse(words.replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as Record<
        string,
        string
      >;
    };
    for (const path of ['/en/space', '/en/space/check-in', '/en/space/tools', '/en/space/data'])
      expect((await wordsOf(path))['space.ui.help.button'], path).toBe('I need help now');
    const supporters = await wordsOf('/es/space/supporters');
    expect(supporters['space.ui.help.button']).toBe('Necesito ayuda ahora');
    expect(supporters['space.ui.supporters.state.active']).toBe('Se le avisa por {channel}.');
    // The line of ours that follows the person's words, the link named rather than shown.
    expect(supporters['space.ui.supporters.footer']).toMatch(/911.*988.*\(su propio enlace\)$/);
    expect(supporters['space.ui.check.mood.1']).toBe('Muy bajo');
  });

  it('follows the browser language at the unprefixed path', async () => {
    const response = await app.server.inject({
      url: '/space',
      headers: { 'accept-language': 'es-MX,es;q=0.9' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers.vary).toContain('Accept-Language');
    expect(response.body).toContain('<h1>Su espacio</h1>');
  });
});
