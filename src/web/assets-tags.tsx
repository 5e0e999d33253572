/**
 * What a page carries for its islands: the deferred module script of the client build (with
 * the web app manifest and icons), and an inert `<template>` holding the islands' controls and
 * words, rendered here in the page's language so the script carries no text of its own.
 * Without a build both render nothing and every page works as plain HTML.
 */
import type { Clock } from '../platform/clock.js';
import type { ClientAssets } from './assets.js';
import { renderedOnce } from './markup.js';
import type { PageContext } from './page-context.js';

/** What pages need to know about the client: the build, the map, the time of rendering. */
export interface ClientSettings {
  assets: ClientAssets | undefined;
  /** The map's tile URL template; no map is offered without one. */
  mapTiles: string | undefined;
  mapAttribution: string;
  clock: Clock;
}

/** The brand colour of the browser chrome and the installed app (the crisis bar's red). */
export const THEME_COLOUR = '#8a1c00';

/** The `<head>` part: the module script (deferred by nature), preloads, manifest and icons. */
export function ClientHead({ ctx }: { ctx: PageContext }) {
  const assets = ctx.client?.assets;
  if (assets === undefined) return null;
  // The same for every page of a build: rendered once per build.
  return renderedOnce(assets, 'head', () => (
    <>
      <link rel="manifest" href="/manifest.webmanifest" />
      <meta name="theme-color" content={THEME_COLOUR} />
      <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
      <link rel="apple-touch-icon" href="/icons/icon-192.png" />
      {assets.styles.map((href) => (
        <link rel="stylesheet" href={href} />
      ))}
      {assets.preload.map((href) => (
        <link rel="modulepreload" href={href} />
      ))}
      <script type="module" defer src={assets.script} />
    </>
  ));
}

/**
 * The islands' controls, cloned by the script where they belong. `data-rendered-at` is when the
 * server made this page: the offline note says how old a page kept for offline use is.
 */
export function ClientTemplate({ ctx }: { ctx: PageContext }) {
  const client = ctx.client;
  if (client?.assets === undefined) return null;
  const { t } = ctx;
  // The controls and their words are the same on every page in a language: rendered once.
  const controls = renderedOnce(client, `controls:${ctx.locale}`, () => (
    <>
      <p class="notice" role="status" data-ui="offline">
        {t('client.offline', { time: '{time}' })}
      </p>
      <button
        type="button"
        class="fav"
        data-ui="fav"
        aria-pressed="false"
        data-label={t('client.fav.label', { name: '{name}' })}
      >
        <span aria-hidden="true">☆</span> {t('client.fav.save')}
      </button>
      <p role="status" class="muted" data-ui="fav-refused">
        {t('client.fav.refused')}
      </p>
      <button type="button" data-ui="locate">
        {t('client.locate')}
      </button>
      <p
        role="status"
        class="muted"
        data-ui="locate-status"
        data-busy={t('client.locate.busy')}
        data-denied={t('client.locate.denied')}
        data-unavailable={t('client.locate.unavailable')}
      />
      <button
        type="button"
        data-ui="map"
        aria-expanded="false"
        data-show={t('client.map.show')}
        data-hide={t('client.map.hide')}
        data-label={t('client.map.label')}
      >
        {t('client.map.show')}
      </button>
      <section
        aria-labelledby="my-meetings"
        data-ui="my"
        data-remove={t('client.my.remove', { name: '{name}' })}
      >
        <h2 id="my-meetings">{t('client.my.heading')}</h2>
        <p class="muted">{t('client.my.device')}</p>
      </section>
    </>
  ));
  return (
    <template
      id="pl-ui"
      data-rendered-at={client.clock.now().toISOString()}
      data-tiles={client.mapTiles}
      data-attribution={client.mapTiles === undefined ? undefined : client.mapAttribution}
    >
      {controls}
    </template>
  );
}
