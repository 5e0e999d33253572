import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { registerMeetingGuideRoutes } from './feeds/meeting-guide/routes.js';
import { FeedCache } from './feeds/meeting-guide/export-feed.js';
import { registerBmltRoutes } from './feeds/bmlt/routes.js';
import { ServedCatalogueCache } from './feeds/bmlt/served-catalogue.js';
import { HsdsCatalogueCache } from './feeds/hsds/catalogue.js';
import { registerHsdsRoutes } from './feeds/hsds/routes.js';
import { registerSearchCalendarRoute } from './feeds/ical/search-calendar-routes.js';
import { registerMeetingRoutes } from './meetings/routes.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import { openDatabase, type DatabaseHandle } from './platform/database/connect.js';
import { migrateToLatest } from './platform/database/migrate.js';
import { registerHealthRoutes } from './platform/http/health-routes.js';
import { createHttpServer, type HttpServer } from './platform/http/server.js';
import { createLogger } from './platform/logging.js';
import { createRepositories, type Repositories } from './repositories.js';
import { seedDemoData } from './demo/seed-demo.js';
import type { ImportDeps } from './sources/import-feed.js';
import type { Fetcher } from './sources/feed-reader.js';
import { createOfflineGeocoder, type Geocoder } from './places/gazetteer.js';
import { registerSourceRoutes } from './sources/routes.js';
import { registerPlaceRoutes } from './places/routes.js';
import { SearchService, type SearchServiceOptions } from './search/search-service.js';
import { openChangeFeed } from './platform/database/change-feed.js';
import { registerSearchRoutes } from './search/routes.js';
import { registerWebRoutes } from './web/routes.js';
import { registerPrintRoutes } from './print/routes.js';
import { CLIENT_BUILD_DIR, loadClientAssets } from './web/assets.js';
import { registerAssetRoutes } from './web/assets-routes.js';
import type { ClientSettings } from './web/assets-tags.js';
import { tileOrigin } from './platform/config.js';

export const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Ports a test may replace; everything else comes from the configuration. */
export interface AppPorts {
  clock?: Clock;
  fetcher?: Fetcher;
  logger?: Logger;
  geocoder?: Geocoder;
  /** How the search index keeps current (tests shorten the intervals); `changePollMs` for the feed. */
  searchTiming?: Pick<
    SearchServiceOptions,
    'refreshIntervalMs' | 'gapGraceMs' | 'rebuildShare' | 'rebuildMinIds' | 'pageSize'
  > & { changePollMs?: number };
}

export interface App {
  config: Config;
  database: DatabaseHandle;
  repos: Repositories;
  server: HttpServer;
  /** What imports need: the repositories, the clock, the feed limits. */
  importDeps: ImportDeps;
  /** The offline gazetteer; `preload` (when it has one) loads its tables ahead of the first query. */
  geocoder: Geocoder & { preload?: () => unknown };
  search: SearchService;
  close(): Promise<void>;
}

/**
 * The composition root: opens the database, migrates it, seeds demo data on an empty store when
 * asked, and wires every capability's routes to its services. Ready when it resolves.
 */
export async function createApp(config: Config, ports: AppPorts = {}): Promise<App> {
  const logger = ports.logger ?? createLogger(config.logLevel);
  const clock = ports.clock ?? systemClock;
  // Loaded on first use; `serve` preloads it so the first person's search does not wait.
  const geocoder: App['geocoder'] = ports.geocoder ?? createOfflineGeocoder();
  const database = await openDatabase(config.databaseUrl);
  let ready = false;
  let searchService: SearchService | undefined;
  try {
    await migrateToLatest(database.db as never);
    const repos = createRepositories(database.db);
    const importDeps: ImportDeps = {
      repos,
      clock,
      geocoder,
      limits: {
        maxBytes: config.feedMaxBytes,
        timeoutMs: config.feedTimeoutMs,
        ...(ports.fetcher !== undefined ? { fetcher: ports.fetcher } : {}),
      },
    };
    // Other processes sharing the database hear of this one's writes, and it of theirs.
    const { changePollMs, ...searchTiming } = ports.searchTiming ?? {};
    const changeFeed = await openChangeFeed(config.databaseUrl, database, {
      ...(changePollMs !== undefined ? { pollMs: changePollMs } : {}),
      onError: (error) => logger.warn({ err: error }, 'change feed interrupted; retrying'),
    });
    const search = new SearchService(repos, clock, geocoder, {
      ...searchTiming,
      changeFeed,
      onError: (error) => logger.error({ err: error }, 'search index update failed'),
    });
    searchService = search;
    // Every committed change reaches the index before the import returns, so whoever imported
    // reads their own writes; a search sees a change whole or not at all.
    importDeps.onChange = (change) =>
      search.applyChange(change).catch((error: unknown) => {
        logger.error({ err: error }, 'search index update failed');
      });
    if (config.demo && (await repos.sources.list()).length === 0) {
      const reports = await seedDemoData(importDeps);
      logger.info({ meetings: reports.reduce((n, r) => n + r.added, 0) }, 'demo data loaded');
    }

    await search.start();
    logger.info({ meetings: search.size }, 'search index built');

    const server = await createHttpServer(logger, version, {
      mapTileSources: config.mapTiles === undefined ? [] : [tileOrigin(config.mapTiles)],
    });
    const client: ClientSettings = {
      assets: loadClientAssets(CLIENT_BUILD_DIR, (message) => logger.warn(message)),
      mapTiles: config.mapTiles,
      mapAttribution: config.mapAttribution,
      clock,
    };
    registerAssetRoutes(server, client.assets);
    const feedCache = new FeedCache(repos, { publicUrl: config.publicUrl });
    registerHealthRoutes(server, () => ready);
    registerMeetingRoutes(server, repos, config.publicUrl);
    registerSourceRoutes(server, repos);
    registerPlaceRoutes(server, geocoder);
    registerSearchRoutes(server, search, config.publicUrl);
    registerMeetingGuideRoutes(server, feedCache);
    registerBmltRoutes(server, {
      catalogue: new ServedCatalogueCache(repos, config.publicUrl),
      rootServerUri: config.publicUrl,
      version,
    });
    registerHsdsRoutes(server, {
      repos,
      catalogue: new HsdsCatalogueCache(repos, config.publicUrl),
      publicUrl: config.publicUrl,
      clock,
    });
    registerSearchCalendarRoute(server, { search, repos, publicUrl: config.publicUrl, clock });
    registerWebRoutes(server, { repos, publicUrl: config.publicUrl, clock, client, search });
    registerPrintRoutes(server, { search, repos, clock, publicUrl: config.publicUrl });
    server.get('/api/openapi.json', { schema: { hide: true } }, () => server.swagger());
    await server.ready();
    ready = true;
    return {
      config,
      database,
      repos,
      server,
      importDeps,
      geocoder,
      search,
      close: async () => {
        await server.close();
        await search.close();
        await database.close();
      },
    };
  } catch (error) {
    await searchService?.close();
    await database.close();
    throw error;
  }
}
