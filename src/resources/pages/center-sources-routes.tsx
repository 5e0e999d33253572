/**
 * The desk's page of the center's resource sources, for signed-in staff: entered through the
 * same door as every desk page (tenancy, roles), posted with the session's CSRF token.
 */
import { Type } from 'typebox';
import type { CenterDesk } from '../../centers/desk.js';
import { deskEntrance } from '../../centers/http/desk-entrance.js';
import { centerPath } from '../../centers/pages/center-frame.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { StewardshipGuard } from '../../stewardship/http/guard.js';
import { guardCsrf } from '../../stewardship/http/guard.js';
import { registerPageScope } from '../../web/kit/page-scope.js';
import type { CenterResourceSources } from '../center-sources.js';
import { CenterSourcesPage } from './center-sources-page.js';

export interface CenterSourcePageDeps {
  centers: Pick<CenterDesk, 'open' | 'requirePermission'>;
  sources: CenterResourceSources;
  guard: StewardshipGuard;
  publicUrl: string;
}

const slug = Type.String({ minLength: 1, maxLength: 63 });
const sourceParams = Type.Object({
  slug,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  action: Type.Union([Type.Literal('publish'), Type.Literal('unpublish')]),
});

export function registerCenterSourcePages(server: HttpServer, deps: CenterSourcePageDeps): void {
  registerPageScope(
    server,
    { publicUrl: deps.publicUrl, formLimit: 4_096, csrf: guardCsrf(deps.guard) },
    (scope, kit) => {
      const enter = deskEntrance(kit, deps.centers, deps.guard);

      scope.get(
        '/center/:slug/resources',
        { schema: { hide: true, params: Type.Object({ slug }) } },
        async (request, reply) => {
          const { access, view, send } = await enter(
            request,
            reply,
            request.params.slug,
            'resources.read',
          );
          const sources = await deps.sources.list(access);
          const said = (request.query as Record<string, unknown>).said;
          return send(
            <CenterSourcesPage
              view={view()}
              sources={sources}
              {...(said === 'published' || said === 'unpublished' ? { said } : {})}
            />,
          );
        },
      );

      scope.post(
        '/center/:slug/resources/:name/:action',
        { schema: { hide: true, params: sourceParams }, preHandler: kit.csrf },
        async (request, reply) => {
          const { access, redirect } = await enter(request, reply, request.params.slug);
          const published = request.params.action === 'publish';
          await deps.sources.publish(access, request.params.name, published);
          return redirect(
            centerPath(access, `/resources?said=${published ? 'published' : 'unpublished'}`),
          );
        },
      );
    },
  );
}
