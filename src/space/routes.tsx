/**
 * `/space`, `/space/check-in` and `/space/data` (and under `/en/`, `/es/`): the shells of the
 * personal space. They carry nothing of the person's, so they may be cached like any page.
 */
import type { HttpServer } from '../platform/http/server.js';
import type { ClientSettings } from '../web/assets-tags.js';
import { registerPageScope } from '../web/kit/page-scope.js';
import { SPACE_SCREENS, SpacePage, type SpaceScreen } from './space-page.js';

export interface SpacePageDeps {
  publicUrl: string;
  /** The client build; without it the shells say the space needs script. */
  client?: ClientSettings;
}

/** Registers the space's pages. */
export function registerSpacePages(server: HttpServer, deps: SpacePageDeps): void {
  registerPageScope(
    server,
    {
      publicUrl: deps.publicUrl,
      ...(deps.client !== undefined ? { client: deps.client } : {}),
      cache: 'public, max-age=3600',
    },
    (scope, kit) => {
      for (const screen of Object.keys(SPACE_SCREENS) as SpaceScreen[]) {
        scope.get(SPACE_SCREENS[screen], { schema: { hide: true } }, (request, reply) => {
          const ctx = kit.ctxOf(request);
          return kit.send(reply, ctx, <SpacePage ctx={ctx} screen={screen} />);
        });
      }
    },
  );
}
