import type { HttpServer } from '../platform/http/server.js';

/**
 * A plain landing page until the finder arrives: it says what this server offers and links to
 * the feeds and the API. No script, no style sheet, nothing from another origin.
 */
export function registerHomePage(server: HttpServer, meetingCount: () => Promise<number>): void {
  server.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const count = await meetingCount();
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Porchlight</title></head>
<body>
<main>
<h1>Porchlight</h1>
<p>This directory lists ${count} mutual-support meetings, in person, online and by phone.</p>
<ul>
<li><a href="/api/v1/meetings">Meetings (JSON API)</a></li>
<li><a href="/meeting-guide.json">Meeting Guide feed</a> and its <a href="/schemas/meeting-guide.json">JSON Schema</a></li>
<li><a href="/api/v1/sources">Sources and their last import</a></li>
<li><a href="/api/openapi.json">OpenAPI document</a></li>
</ul>
<p>In crisis? Call or text <a href="tel:988">988</a>. SAMHSA's National Helpline: <a href="tel:+18006624357">1-800-662-4357</a>.</p>
</main>
</body>
</html>`);
  });
}
