/**
 * `/admin/demand`: the demand table for service-body staff, from a plain GET form (no script),
 * with the same cells, threshold and refusals as `GET /api/v1/demand`, and the CSV beside it.
 */
import type { FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../accounts/model.js';
import { groupTags } from '../meetings/programs.js';
import type { Clock } from '../platform/clock.js';
import type { HttpServer } from '../platform/http/server.js';
import type { MessageId } from '../web/i18n/translator.js';
import { registerPageScope, type CsrfProtection } from '../web/kit/page-scope.js';
import { PeriodFields } from '../web/kit/form-parts.js';
import { Layout } from '../web/layout.js';
import { link, type PageContext } from '../web/page-context.js';
import {
  K_ANONYMITY,
  unmetDemand,
  type DemandCell,
  type DemandPeriod,
  type UnmetDemandDeps,
} from './unmet-demand.js';

/** Twelve weeks back from today, when no period is asked for. */
const DEFAULT_DAYS = 83;

export interface DemandPageDeps extends UnmetDemandDeps {
  actorOf(request: FastifyRequest): Promise<Actor | undefined>;
  clock: Clock;
  publicUrl: string;
  csrf: CsrfProtection;
}

export function registerDemandPage(server: HttpServer, deps: DemandPageDeps): void {
  registerPageScope(server, { publicUrl: deps.publicUrl, csrf: deps.csrf }, (scope, kit) => {
    scope.get('/admin/demand', { schema: { hide: true } }, async (request, reply) => {
      const { ctx, send, query } = kit.enter(request, reply);
      const today = Temporal.Instant.fromEpochMilliseconds(deps.clock.now().getTime())
        .toZonedDateTimeISO('UTC')
        .toPlainDate();
      const text = (name: string, fallback: string) =>
        typeof query[name] === 'string' && query[name] !== '' ? query[name] : fallback;
      const period: DemandPeriod = {
        need: text('need', 'women'),
        from: text('from', today.subtract({ days: DEFAULT_DAYS }).toString()),
        to: text('to', today.toString()),
      };
      const cells = await unmetDemand(deps, await deps.actorOf(request), period);
      return send(<DemandPage ctx={ctx} period={period} cells={cells} />, { cache: 'no-store' });
    });
  });
}

function DemandPage(props: {
  ctx: PageContext;
  period: DemandPeriod;
  cells: readonly DemandCell[];
}) {
  const { ctx, period, cells } = props;
  const { t } = ctx;
  const csv = `/api/v1/demand.csv?${new URLSearchParams({ ...period }).toString()}`;
  return (
    <Layout ctx={ctx} title={t('demand.title')}>
      <h1>{t('demand.title')}</h1>
      <p>{t('demand.intro', { threshold: K_ANONYMITY })}</p>
      <form method="get" action={link(ctx, '/admin/demand')}>
        <p>
          <label for="demand-need">{t('demand.need')}</label>{' '}
          <select id="demand-need" name="need">
            {groupTags.map((tag) => (
              <option value={tag} selected={tag === period.need}>
                {t(`finder.tag.${tag}` as MessageId)}
              </option>
            ))}
            {!(groupTags as readonly string[]).includes(period.need) && (
              <option value={period.need} selected>
                {period.need}
              </option>
            )}
          </select>{' '}
          <PeriodFields ctx={ctx} idPrefix="demand" from={period.from} to={period.to} />
        </p>
      </form>
      {cells.length === 0 ? (
        <p data-demand-empty>{t('demand.empty', { threshold: K_ANONYMITY })}</p>
      ) : (
        <table data-demand>
          <caption>{t('demand.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('demand.area')}</th>
              <th scope="col">{t('demand.searches')}</th>
              <th scope="col">{t('demand.nearest')}</th>
              <th scope="col">{t('demand.online')}</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((cell) => (
              <tr>
                <th scope="row">
                  {cell.latitude}, {cell.longitude}
                </th>
                <td>{cell.searches}</td>
                <td>
                  {cell.nearestGroup === undefined ? (
                    t('demand.none')
                  ) : (
                    <>
                      <a href={link(ctx, `/meetings/${cell.nearestGroup.slug}`)}>
                        {cell.nearestGroup.name}
                      </a>{' '}
                      ({t('demand.km', { km: cell.nearestGroup.distanceKm })})
                    </>
                  )}
                </td>
                <td>{cell.onlineOptions ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={csv} download>
          {t('demand.csv')}
        </a>
      </p>
    </Layout>
  );
}
