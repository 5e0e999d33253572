/**
 * `/resources`: the public resource finder. A plain GET form whose fields carry the search
 * API's parameter names, then the first page of results in the same response: name, who runs
 * it, distance, address, phones as `tel:` links, hours and whether it is open now, payment,
 * languages. Works without script; no request leaves for another origin.
 */
import type { ComponentChildren } from 'preact';
import { languageList } from '../../web/intl-format.js';
import type { MessageId } from '../../web/i18n/translator.js';
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import { costKinds, moudKinds, servedGroups } from '../model.js';
import { needName } from '../need-names.js';
import { needs } from '../needs.js';
import type { ResourceResult } from '../routes.js';
import type { ResourceParams } from '../search/parse-resource-query.js';
import { attributeFlags } from '../search/resource-index.js';
import { resourceQueryString } from './finder-params.js';
import { hoursLines } from './hours-words.js';

export interface ResourceOutcome {
  params: ResourceParams;
  results: ResourceResult[];
  total: number;
  nextCursor?: string;
  /** The place searched around, in words, when there is one. */
  place?: string;
  /** A refused parameter, in the reader's words. */
  problem?: { field: string; message: string };
}

const radii = ['5', '10', '15', '25', '30', '50', '100'];
/** Languages a directory near here most often lists, offered in the language filter. */
const offeredLanguages = ['en', 'es', 'pt', 'fr', 'ht', 'vi', 'zh', 'ar', 'ru', 'asl'];

const chosen = (params: ResourceParams, name: keyof ResourceParams) =>
  new Set((params[name] ?? '').split(',').filter((v) => v !== ''));

export function ResourceFinderPage({
  ctx,
  outcome,
}: {
  ctx: PageContext;
  outcome: ResourceOutcome;
}) {
  const { t } = ctx;
  const { params, results, total, problem } = outcome;
  const here = link(ctx, '/resources');
  const heading =
    outcome.place === undefined
      ? t('resources.results', { count: total })
      : t('resources.resultsNear', { count: total, place: outcome.place });
  return (
    <Layout ctx={ctx} title={t('resources.title')}>
      <h1>{t('resources.title')}</h1>
      <p>{t('resources.intro')}</p>
      <ResourceForm ctx={ctx} params={params} problem={problem} />
      <section id="results" aria-labelledby="results-h">
        <h2 id="results-h">{heading}</h2>
        {results.length === 0 && <p>{t('resources.empty')}</p>}
        <ol class="list">
          {results.map((result) => (
            <ResourceItem ctx={ctx} result={result} units={params.units === 'km' ? 'km' : 'mi'} />
          ))}
        </ol>
        {(outcome.nextCursor !== undefined || params.cursor !== undefined) && (
          <p class="pager">
            {params.cursor !== undefined && (
              <a href={`${here}${resourceQueryString(params, { cursor: '' })}`}>
                {t('resources.first')}
              </a>
            )}
            {outcome.nextCursor !== undefined && (
              <a
                rel="next"
                href={`${here}${resourceQueryString(params, { cursor: outcome.nextCursor })}`}
              >
                {t('resources.more')}
              </a>
            )}
          </p>
        )}
        {total > 0 && (
          <p>
            <a
              href={`${link(ctx, '/resources/sheet.pdf')}${resourceQueryString(params, { cursor: '', limit: '' })}`}
              download
            >
              {t('resources.print')}
            </a>
          </p>
        )}
      </section>
    </Layout>
  );
}

/** The search form; `action` is the page it submits to (the public finder unless given). */
export function ResourceForm(props: {
  ctx: PageContext;
  params: ResourceParams;
  problem: ResourceOutcome['problem'];
  action?: string;
}) {
  const { ctx, params, problem } = props;
  const { t, locale } = ctx;
  const invalid = (field: string) =>
    problem?.field === field
      ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'resources-problem' }
      : {};
  const costs = chosen(params, 'cost');
  const moud = chosen(params, 'moud');
  const attributes = chosen(params, 'attributes');
  const topLevel = needs.filter((n) => n.parent === undefined);
  return (
    <form id="resource-finder" method="get" action={props.action ?? link(ctx, '/resources')}>
      {problem !== undefined && (
        <p id="resources-problem" class="notice problem" role="alert">
          {problem.message}
        </p>
      )}
      <div class="grid">
        <p class="field">
          <label for="r-near">{t('resources.near')}</label>
          <input
            id="r-near"
            name="near"
            value={params.near ?? ''}
            autocomplete="postal-code"
            {...invalid('near')}
          />
        </p>
        <p class="field">
          <label for="r-radius">{t('resources.radius')}</label>
          <select id="r-radius" name="radius" {...invalid('radius')}>
            {radii.map((miles) => (
              <option value={miles} selected={(params.radius ?? '25') === miles}>
                {t('resources.radius.option', { miles })}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="r-need">{t('resources.need')}</label>
          <select id="r-need" name="need" {...invalid('need')}>
            <option value="">{t('resources.need.any')}</option>
            {topLevel.map((top) => (
              <optgroup label={needName(top.code, locale) ?? top.name}>
                <option value={top.code} selected={params.need === top.code}>
                  {needName(top.code, locale) ?? top.name}
                </option>
                {needs
                  .filter((n) => n.code.startsWith(`${top.code}.`))
                  .map((n) => (
                    <option value={n.code} selected={params.need === n.code}>
                      {n.code.split('.').length > 2
                        ? `– ${needName(n.code, locale) ?? n.name}`
                        : (needName(n.code, locale) ?? n.name)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="r-q">{t('resources.q')}</label>
          <input id="r-q" name="q" value={params.q ?? ''} {...invalid('q')} />
        </p>
        <p class="field">
          <label for="r-lang">{t('resources.lang')}</label>
          <select id="r-lang" name="lang" {...invalid('lang')}>
            <option value="">{t('resources.lang.any')}</option>
            {offeredLanguages.map((tag) => (
              <option value={tag} selected={params.lang === tag}>
                {languageList([tag], locale)}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="r-serves">{t('resources.serves')}</label>
          <select id="r-serves" name="serves" {...invalid('serves')}>
            <option value="">{t('resources.serves.any')}</option>
            {servedGroups.map((group) => (
              <option value={group} selected={params.serves === group}>
                {t(`resources.serves.${group}` as MessageId)}
              </option>
            ))}
          </select>
        </p>
      </div>
      <label>
        <input type="checkbox" name="open_now" value="true" checked={params.open_now === 'true'} />{' '}
        {t('resources.openNow')}
      </label>
      <fieldset>
        <legend>{t('resources.cost')}</legend>
        {costKinds.map((kind) => (
          <label>
            <input type="checkbox" name="cost" value={kind} checked={costs.has(kind)} />{' '}
            {t(`resources.cost.${kind}` as MessageId)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('resources.moud')}</legend>
        {moudKinds.map((kind) => (
          <label>
            <input type="checkbox" name="moud" value={kind} checked={moud.has(kind)} />{' '}
            {t(`resources.moud.${kind}` as MessageId)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('resources.attributes')}</legend>
        {attributeFlags.map((flag) => (
          <label>
            <input type="checkbox" name="attributes" value={flag} checked={attributes.has(flag)} />{' '}
            {t(`resources.attr.${flag}` as MessageId)}
          </label>
        ))}
      </fieldset>
      <button type="submit">{t('resources.search')}</button>
    </form>
  );
}

/** The attributes a result claims, in words. */
function offers(ctx: PageContext, result: ResourceResult): string[] {
  const { t } = ctx;
  const { recovery } = result;
  const words = recovery.moud.map((m) => t(`resources.moud.${m}` as MessageId));
  if (recovery.acceptsMoud === true) words.push(t('resources.attr.accepts_moud'));
  if (recovery.naloxone) words.push(t('resources.attr.naloxone'));
  if (recovery.walkIn) words.push(t('resources.attr.walk_in'));
  if (recovery.sameDay) words.push(t('resources.attr.same_day'));
  if (recovery.telehealth) words.push(t('resources.attr.telehealth'));
  if (recovery.narrLevel !== undefined)
    words.push(t('resources.narr', { level: recovery.narrLevel }));
  return words;
}

/** One result; `children` adds what the page offers on it (the desk's "refer" link). */
export function ResourceItem(props: {
  ctx: PageContext;
  result: ResourceResult;
  units: 'mi' | 'km';
  children?: ComponentChildren;
}) {
  const { ctx, result, units } = props;
  const { t, locale } = ctx;
  const hours = hoursLines(ctx, result.schedules);
  const offered = offers(ctx, result);
  const pays = result.costOptions.map((c) => t(`resources.cost.${c.kind}` as MessageId));
  const where = [
    result.distance !== undefined
      ? `${new Intl.NumberFormat(locale).format(result.distance)} ${units}`
      : undefined,
    result.location?.name,
    result.location?.address,
  ].filter((part): part is string => part !== undefined);
  return (
    <li class="result" data-id={result.id}>
      <h3>{result.name}</h3>
      {result.organization !== undefined && (
        <p class="muted">{t('resources.by', { organization: result.organization.name })}</p>
      )}
      {result.openNow !== undefined && (
        <p>
          <strong class={result.openNow ? 'badge now' : 'badge shut'}>
            {result.openNow ? t('resources.open') : t('resources.closed')}
          </strong>
        </p>
      )}
      {where.length > 0 && <p>{where.join(' · ')}</p>}
      {result.phones.map((phone) => (
        <p>
          <a href={`tel:${phone.number.replace(/[^\d+]/g, '')}`}>
            {phone.extension === undefined
              ? t('resources.phone', { number: phone.number })
              : t('resources.phoneExt', { number: phone.number, extension: phone.extension })}
          </a>
        </p>
      ))}
      <p>
        {t('resources.hours')}: {hours.length > 0 ? hours.join('; ') : t('resources.hoursUnknown')}
      </p>
      {offered.length > 0 && <p>{t('resources.offers', { list: offered.join(', ') })}</p>}
      {pays.length > 0 && <p>{t('resources.pays', { list: pays.join(', ') })}</p>}
      {result.languages.length > 0 && (
        <p>{t('resources.speaks', { list: languageList(result.languages, locale) })}</p>
      )}
      {result.description !== undefined && <p class="muted">{result.description}</p>}
      {result.url !== undefined && (
        <p>
          <a href={result.url} rel="noopener noreferrer">
            {t('resources.website')}
          </a>
        </p>
      )}
      {props.children}
    </li>
  );
}
