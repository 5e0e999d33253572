/**
 * Serves the client build: hashed scripts and styles under `/assets/` cached for a year, the
 * service worker at `/sw.js` (root scope, always revalidated so an update is seen at once), the
 * web app manifest and the icons. Only files listed at start are served: no path is ever joined
 * from a request.
 */
import { PorchlightError } from '../platform/errors.js';
import type { HttpServer } from '../platform/http/server.js';
import type { AssetFile, ClientAssets } from './assets.js';

/** Registers the routes of the client build (all answer 404 when there is no build). */
export function registerAssetRoutes(server: HttpServer, assets: ClientAssets | undefined): void {
  const files = assets?.files ?? new Map<string, AssetFile>();
  const send = (path: string): AssetFile => {
    const file = files.get(path);
    if (file === undefined) throw new PorchlightError('PL_NOT_FOUND');
    return file;
  };
  const options = { schema: { hide: true } };
  for (const prefix of ['/assets/', '/icons/']) {
    server.get(`${prefix}:file`, options, (request, reply) => {
      const { file: name } = request.params as { file: string };
      const file = send(`${prefix}${name}`);
      return reply.type(file.type).header('cache-control', file.cacheControl).send(file.body);
    });
  }
  for (const path of ['/sw.js', '/manifest.webmanifest']) {
    server.get(path, options, (_request, reply) => {
      const file = send(path);
      return reply.type(file.type).header('cache-control', file.cacheControl).send(file.body);
    });
  }
}
