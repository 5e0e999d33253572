import type { Logger } from 'pino';
import { registerMeetingGuideRoutes } from './feeds/meeting-guide/routes.js';
import { FeedCache } from './feeds/meeting-guide/export-feed.js';
import { CsvFeedCache } from './feeds/csv/export-csv.js';
import { registerCsvRoutes } from './feeds/csv/routes.js';
import { registerBmltRoutes } from './feeds/bmlt/routes.js';
import { ServedCatalogueCache } from './feeds/bmlt/served-catalogue.js';
import { HsdsCatalogueCache } from './feeds/hsds/catalogue.js';
import { registerHsdsRoutes } from './feeds/hsds/routes.js';
import { registerSearchCalendarRoute } from './feeds/ical/search-calendar-routes.js';
import { meetingDirectory } from './meetings/meeting-directory.js';
import { registerMeetingRoutes } from './meetings/routes.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Timers } from './platform/timers.js';
import { yieldEvery, type YieldToLoop } from './platform/loop-yield.js';
import type { Config } from './platform/config.js';
import type { DatabaseHandle } from './platform/database/connect.js';
import { openReadReplica } from './platform/database/read-replica.js';
import { createRepositories } from './repositories.js';
import { databaseAnswers, registerHealthRoutes } from './platform/http/health-routes.js';
import { registerMetricsRoutes } from './platform/http/metrics-routes.js';
import { openLimitStore, type LimitStore } from './platform/http/shared-limits.js';
import { createMetrics } from './platform/metrics/metrics.js';
import { registerStoreGauges } from './store-gauges.js';
import { createHttpServer, type HttpServer } from './platform/http/server.js';
import { answerApiErrors } from './web/kit/error-handlers.js';
import { createLogger } from './platform/logging.js';
import { packageVersion } from './platform/paths.js';
import type { Repositories } from './repositories.js';
import { openStore } from './open-store.js';
import { seedDemoData } from './demo/seed-demo.js';
import type { ImportDeps } from './sources/import-feed.js';
import type { Fetcher } from './sources/feed-reader.js';
import { createOfflineGeocoder, type Geocoder } from './places/gazetteer.js';
import type { AddressGeocoder } from './places/address-geocoder.js';
import { geocodedPlaces } from './places/geocoded-places.js';
import { registerSourceRoutes, type IsOperator } from './sources/routes.js';
import { sourceDirectory } from './sources/source-directory.js';
import { createSourceJobs, scheduleLinkCheck } from './sources/refresh-jobs.js';
import { standingReader } from './sources/freshness.js';
import type { JobRunner } from './platform/jobs/job-runner.js';
import { registerPlaceRoutes } from './places/routes.js';
import { SearchService, type SearchServiceOptions } from './search/search-service.js';
import { fileSnapshots } from './search/index-snapshots.js';
import { snapshotLocation } from './search/snapshot-location.js';
import { openChangeFeed, type CommittedChange } from './platform/database/change-feed.js';
import { refreshOnThread, storeSharedByThreads } from './refresh-thread.js';
import { registerSearchRoutes } from './search/routes.js';
import { DemandRepository } from './demand/demand-repository.js';
import { DemandTally } from './demand/demand-tally.js';
import { registerDemandRoutes } from './demand/routes.js';
import { needOptions } from './demand/options-near.js';
import { registerDemandPage } from './demand/demand-page.js';
import { guardCsrf } from './stewardship/http/guard.js';
import { registerResourceRoutes } from './resources/routes.js';
import { ResourceFinder } from './resources/search/resource-finder.js';
import { PublishedResourcesForHsds } from './resources/hsds/published-resources.js';
import { registerResourcePages } from './resources/pages/routes.js';
import { createReferralDesk } from './referrals/referral-desk.js';
import { registerReferralRoutes } from './referrals/routes.js';
import { registerReferralPages } from './referrals/pages/routes.js';
import { registerReferralFollowUps, scheduleReferralFollowUps } from './referrals/follow-ups.js';
import { registerPrintRoutes } from './print/routes.js';
import { registerWebRoutes } from './web/routes.js';
import { registerSpacePages } from './space/routes.js';
import { registerSpaceApiRoutes } from './space/routes-api.js';
import { SpaceCalendarRepository } from './space/calendar-repository.js';
import { registerSpaceCalendarRoutes } from './space/calendar-routes-api.js';
import { SpaceCalendars } from './space/calendars.js';
import { SpaceBlobRepository } from './space/blob-repository.js';
import { SpaceSync } from './space/space-sync.js';
import { Supporters } from './space/supporters.js';
import { registerSupporterApiRoutes } from './space/supporter-routes-api.js';
import { registerSupporterPages } from './space/supporter-routes.js';
import { registerSupporterSweep, scheduleSupporterSweep } from './space/supporter-jobs.js';
import type { SupporterChannel } from './space/supporter-model.js';
import { readVapidKeys } from './messaging/push/vapid-keys.js';
import { problemReporter } from './reports/report-problem.js';
import { CLIENT_BUILD_DIR, loadClientAssets } from './web/assets.js';
import { registerAssetRoutes } from './web/assets-routes.js';
import { SITE_CSS_CSP_SOURCE } from './web/site-css.js';
import { locales } from './web/i18n/locales.js';
import { servePseudoLocale } from './web/kit/page-languages.js';
import type { ClientSettings } from './web/assets-tags.js';
import { tileOrigin } from './platform/config.js';
import type { Mailer } from './platform/mail/mailer.js';
import { configuredMailer } from './platform/mail/configured-mailer.js';
import { DeliveryQueue } from './messaging/delivery-queue.js';
import { QueuedMailer } from './messaging/queued-mailer.js';
import { configuredSmsSender } from './messaging/sms/configured-sms.js';
import type { SmsSender } from './messaging/sms/sms-sender.js';
import { configuredPushSender } from './messaging/push/configured-push.js';
import type { PushSender } from './messaging/push/push-sender.js';
import { registerStewardshipRoutes, type SignInLimits } from './stewardship/http/routes.js';
import { registerEditingRoutes } from './stewardship/editing/register.js';
import type { FormTiming } from './stewardship/change-requests/form-timing.js';
import type { Keyring } from './platform/crypto/keyring.js';
import { lazyKeyring } from './platform/crypto/master-key-source.js';
import { createCenterDesk } from './centers/desk.js';
import type { DeskDeps } from './centers/deps.js';
import { registerCenterListings, scheduleCenterListings } from './centers/events/listing-job.js';
import { registerCenterApiRoutes } from './centers/http/api-routes.js';
import {
  registerShiftReminders,
  scheduleShiftReminders,
} from './centers/shifts/shift-reminders.js';
import { registerCenterPages } from './centers/http/page-routes.js';
import { seedDemoCenter } from './centers/demo/seed-center.js';
import { seedDemoResources } from './resources/demo/demo-resources.js';
import { registerResourceRefresh } from './resources/refresh-resources.js';
import { centerResourceSources } from './resources/center-sources.js';
import { registerCenterSourcePages } from './resources/pages/center-sources-routes.js';
import { TextLine, dialStrings } from './textline/text-line.js';
import { Conversations } from './textline/conversations.js';
import { lazySenderKey } from './textline/sender-key.js';
import { VoiceLine } from './textline/voice-line.js';
import { parseOnCall } from './textline/on-call.js';
import { registerTextlineRoutes } from './textline/routes.js';
import type { RideMessenger } from './rides/deps.js';
import { createRideDesk } from './rides/ride-desk.js';
import { registerRidePages } from './rides/http/ride-pages.js';
import { registerRideUpkeep, scheduleRideUpkeep } from './rides/ride-upkeep.js';
import { seedDemoRides } from './rides/demo/seed-rides.js';
import { rideRegions, ridesOffered } from './rides/rides-offered.js';
import { ridesByText } from './rides/rides-by-text.js';

export const version = packageVersion();

/** Ports a test may replace; everything else comes from the configuration. */
export interface AppPorts {
  clock?: Clock;
  /** What feed reads' time limits and the job runner's heartbeat and poll wait on. */
  timers?: Timers;
  fetcher?: Fetcher;
  logger?: Logger;
  geocoder?: Geocoder;
  /** The street-address geocoder; by default the configured Nominatim, if any. */
  addressGeocoder?: AddressGeocoder;
  /** Where mail goes; by default `.eml` files in `DATA_DIR/outbox`. */
  mailer?: Mailer;
  /** Where text messages go; by default the configured provider, if any. */
  smsSender?: SmsSender;
  /** Where push notifications go; by default web push with the configured VAPID keys, if any. */
  pushSender?: PushSender;
  /**
   * Whether a queued message is tried at once (default) or waits for the job runner's next look
   * (tests run `jobs.runDue()` themselves).
   */
  sendDeliveriesAtOnce?: boolean;
  /** Sign-in attempts accepted per window (tests lower them). */
  signInLimits?: SignInLimits;
  /** How fast and how old a public suggestion form may come back (tests shorten it). */
  formTiming?: FormTiming;
  /** Public suggestions accepted per address per window (tests raise it). */
  suggestLimit?: { max: number; timeWindowMs: number };
  /** Rides asked for per address per window (tests raise it). */
  rideAskLimit?: { max: number; timeWindowMs: number };
  /**
   * Whether source refreshes run on a thread of their own (decision 0145). By default they do
   * on a database a second connection can open, unless the clock, timers, fetcher or a geocoder
   * was handed in here (the thread builds its own from the configuration).
   */
  refreshOnThread?: boolean;
  /** How long work gives the event loop its turns (tests count them); a turn every few ms by default. */
  yieldToLoop?: YieldToLoop;
  /** How the search index keeps current (tests shorten the intervals); `changePollMs` for the feed. */
  /** The master keyring; by default loaded on first use from the configuration. */
  keyring?: Keyring;
  /** Process metrics (memory, CPU, event loop) on /metrics; tests with many apps turn them off. */
  processMetrics?: boolean;
  searchTiming?: Pick<
    SearchServiceOptions,
    'refreshIntervalMs' | 'gapGraceMs' | 'rebuildShare' | 'rebuildMinIds' | 'pageSize'
  > & { changePollMs?: number };
}

export interface App {
  config: Config;
  /** The master keyring, loaded on first use (a server without center records needs none). */
  keyring: () => Keyring;
  database: DatabaseHandle;
  repos: Repositories;
  server: HttpServer;
  /** What imports need: the repositories, the clock, the feed limits. */
  importDeps: ImportDeps;
  /** The offline gazetteer; `preload` (when it has one) loads its tables ahead of the first query. */
  geocoder: Geocoder & { preload?: () => unknown };
  search: SearchService;
  /** The text line: a text in, the reply out (the webhooks and `textline try` use it). */
  textLine: TextLine;
  /** The outgoing message queue (mail, text messages, push). */
  deliveries: DeliveryQueue;
  /** Background jobs (source refreshes, the link check); idle until `startJobs` or `runDue`. */
  jobs: JobRunner;
  /** Schedules the link check and starts looking for due jobs (`serve` does; tests do not). */
  startJobs(): Promise<void>;
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
  // Long work (imports, merging duplicates, index rebuilds) gives the event loop a turn every
  // few milliseconds, so the server answers requests while it runs.
  const yieldToLoop = ports.yieldToLoop ?? yieldEvery();
  let searchService: SearchService | undefined;
  let demandTally: DemandTally | undefined;
  // The master key seals center records and pending deliveries; it is loaded on first use.
  const portKeyring = ports.keyring;
  const keyring =
    portKeyring !== undefined
      ? () => portKeyring
      : lazyKeyring(
          {
            masterKey: config.masterKey,
            masterKeyFile: config.masterKeyFile,
            createIfMissing: true,
          },
          (message) => logger.warn(message),
        );
  const applyToIndex = (change: CommittedChange) =>
    searchService?.applyChange(change).catch((error: unknown) => {
      logger.error({ err: error }, 'search index update failed');
    });
  const onMergeError = (error: unknown) =>
    logger.error({ err: error }, 'merging duplicates failed');
  const { database, repos, importDeps } = await openStore(config, {
    clock,
    keyring,
    onIdleConnectionError: (error) =>
      logger.warn({ err: error.message }, 'the database closed an idle connection; reconnecting'),
    // The code only: the statement's parameters could hold personal data.
    onStorageFull: (error) =>
      logger.error(
        { code: (error as { code?: unknown }).code },
        'the database storage is full: a write was refused (PL_STORAGE_FULL)',
      ),
    onRollbackFailed: (error) =>
      logger.warn(
        { code: (error as { code?: unknown }).code },
        'a rollback failed after a failed statement',
      ),
    geocoder,
    ...(ports.addressGeocoder !== undefined ? { addressGeocoder: ports.addressGeocoder } : {}),
    ...(ports.fetcher !== undefined ? { fetcher: ports.fetcher } : {}),
    ...(ports.timers !== undefined ? { timers: ports.timers } : {}),
    yieldToLoop,
    // A large import's commit must not also copy the log back on the thread that answers requests.
    backgroundCheckpoints: true,
    // Every committed change reaches the index before the import returns, so whoever imported
    // reads their own writes; a search sees a change whole or not at all.
    onChange: applyToIndex,
    onMergeError,
  });
  let ready = false;
  let replica: DatabaseHandle | undefined;
  let limitStore: LimitStore | undefined;
  let closeMailer: () => Promise<void> | undefined = () => undefined;
  try {
    // Reads that may lag a little go to a streaming replica when there is one (decision 0099):
    // the public exports and catalogues (each labelled with the replica's own revision, so a
    // cache never holds older rows under a newer revision), reports and store gauges. Writes,
    // the search index and whatever a person reads back after writing stay on the primary.
    if (config.databaseReadUrl !== undefined)
      replica = await openReadReplica(config.databaseReadUrl, config.databaseUrl, {
        onFallback: (error) =>
          logger.warn({ err: error.message }, 'the replica is unreachable; reading the primary'),
        onIdleConnectionError: (error) =>
          logger.warn({ err: error.message }, 'the database closed an idle connection'),
      });
    const laggingRepos = replica === undefined ? repos : createRepositories(replica.db, keyring);
    // Other processes sharing the database hear of this one's writes, and it of theirs.
    const { changePollMs, ...searchTiming } = ports.searchTiming ?? {};
    const changeFeed = await openChangeFeed(config.databaseUrl, database, {
      ...(changePollMs !== undefined ? { pollMs: changePollMs } : {}),
      onError: (error) => logger.warn({ err: error }, 'change feed interrupted; retrying'),
    });
    // A typed place the bundled list does not know is asked of the operator's geocoder, if any.
    const typedPlaces = geocodedPlaces({
      geocoder: importDeps.addressGeocoder,
      cache: repos.geocodeCache,
      clock,
      onFailure: (reason) =>
        logger.warn({ reason }, 'the geocoder could not be asked for a typed place'),
    });
    // Searches that found no room for a tailored need, counted per cell and week (src/demand).
    const demandCounts = new DemandRepository(database.db);
    const demandReports = replica === undefined ? demandCounts : new DemandRepository(replica.db);
    demandTally = new DemandTally(demandCounts, clock, {
      ...(ports.timers !== undefined ? { timers: ports.timers } : {}),
      onError: (error) => logger.warn({ err: error }, 'demand counts could not be written yet'),
    });
    // The index saved beside the database: a restart loads it instead of building (decision 0092).
    const snapshotAt = await snapshotLocation(config.databaseUrl, config.dataDir, database);
    const search = new SearchService(repos, clock, geocoder, {
      ...searchTiming,
      ...(snapshotAt !== undefined ? { snapshots: fileSnapshots(snapshotAt) } : {}),
      onSnapshot: (event) => logger.info({ snapshot: event }, 'search index snapshot'),
      demand: demandTally,
      // The finder's "Rides offered": where the ride programs' approved drivers go.
      rideRegions: () => rideRegions({ repos }),
      ...(typedPlaces !== undefined ? { geocodedPlaces: typedPlaces } : {}),
      yieldToLoop,
      changeFeed,
      onError: (error) => logger.error({ err: error }, 'search index update failed'),
      ...(ports.timers !== undefined ? { timers: ports.timers } : {}),
    });
    searchService = search;
    const jobs = createSourceJobs({
      importDeps,
      clock,
      // Refreshes run on a thread of their own, which builds its ports from the configuration
      // (decision 0145); ports a test hands in cannot cross to it, so with those they run here.
      ...(refreshesOnThread(config, ports)
        ? { refresh: refreshOnThread({ config, onChange: applyToIndex, onMergeError }) }
        : {}),
      ...(ports.fetcher !== undefined ? { fetcher: ports.fetcher } : {}),
      runner: {
        onError: (error) => logger.error({ err: error }, 'background job failed'),
        ...(ports.timers !== undefined ? { timers: ports.timers } : {}),
      },
    });
    // Resource sources refresh on the same runner, under the same leases and backoff.
    registerResourceRefresh(
      { resources: repos.resources, jobs: repos.jobs, clock, limits: importDeps.limits },
      jobs,
    );
    // Demo data goes only into a fresh store, never beside an operator's own lists or centers.
    const freshStore = (await repos.sources.list()).length === 0;
    if (config.demo && freshStore) {
      const reports = await seedDemoData(importDeps);
      logger.info({ meetings: reports.reduce((n, r) => n + r.added, 0) }, 'demo data loaded');
    }
    // The center's public groups are written into the finder the way an import writes.
    const deskDeps: DeskDeps = {
      repos,
      clock,
      keyring,
      listing: {
        geocoder,
        ...(importDeps.addressGeocoder !== undefined
          ? { addressGeocoder: importDeps.addressGeocoder }
          : {}),
        onChange: (change) => importDeps.onChange?.(change),
        yieldToLoop,
        publicUrl: config.publicUrl,
      },
    };
    let demoCenterId: string | undefined;
    if (config.demo && freshStore && (await repos.centers.list()).length === 0) {
      const seeded = await seedDemoCenter(deskDeps);
      logger.info({ center: seeded.slug, members: seeded.members }, 'demo center loaded');
      const center = await repos.centers.bySlug(seeded.slug);
      demoCenterId = center?.id;
      if (center !== undefined) await seedDemoRides(deskDeps, center.id);
    }
    if (config.demo && freshStore && (await repos.resources.listSources()).length === 0) {
      // The demo directory is the demo center's: its staff see it on their desk.
      const seeded = await seedDemoResources(repos.resources, clock, demoCenterId);
      logger.info({ services: seeded.counts.services }, 'demo resources loaded');
    }

    await search.start();
    logger.info({ meetings: search.size }, 'search index built');

    // Rate limits shared by every instance when Redis is configured; per process otherwise.
    limitStore =
      config.redisUrl === undefined
        ? undefined
        : openLimitStore(config.redisUrl, (error) =>
            logger.warn({ err: error.message }, 'the rate limit store is unreachable'),
          );
    const server = await createHttpServer(logger, version, {
      ...(limitStore !== undefined ? { limitStore } : {}),
      mapTileSources: config.mapTiles === undefined ? [] : [tileOrigin(config.mapTiles)],
      publicUrl: config.publicUrl,
      inlineStyleSources: [SITE_CSS_CSP_SOURCE],
      ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
    });
    answerApiErrors(server);
    if (config.pseudoLocale) servePseudoLocale(server);
    const client: ClientSettings = {
      assets: loadClientAssets(CLIENT_BUILD_DIR, (message) => logger.warn(message)),
      mapTiles: config.mapTiles,
      mapAttribution: config.mapAttribution,
      clock,
    };
    registerAssetRoutes(server, client.assets);
    const feedCache = new FeedCache(laggingRepos, { publicUrl: config.publicUrl });
    const metrics = createMetrics({ processMetrics: ports.processMetrics !== false });
    registerMetricsRoutes(server, metrics, { token: config.metricsToken });
    registerStoreGauges(metrics, { repos, laggingRepos, search, clock });
    registerHealthRoutes(server, async () => {
      if (!ready) return 'starting';
      if (!search.ready) return 'index';
      return (await databaseAnswers(database)) ? undefined : 'database';
    });
    const meetings = meetingDirectory(repos);
    registerMeetingRoutes(
      server,
      meetings,
      config.publicUrl,
      standingReader(repos, clock, config.staleAfterSeconds),
    );
    // Administrators see sources' locations in full (credentials, file paths); others do not.
    // Who is signed in is known once the stewardship routes are registered, below.
    let isAdministrator: IsOperator = () => Promise.resolve(false);
    registerSourceRoutes(server, sourceDirectory(repos, clock), (request) =>
      isAdministrator(request),
    );
    registerPlaceRoutes(
      server,
      geocoder,
      typedPlaces === undefined
        ? undefined
        : (text, country) => search.placeFromGeocoder(text, country),
    );
    registerSearchRoutes(server, search, config.publicUrl);
    // Resources are found near places by the meeting search's own place rules; the public
    // doors (API, finder page) see the published sources only.
    const publicResources = new ResourceFinder(repos.resources, clock, (text) =>
      search.resolvePlace(text),
    );
    registerResourceRoutes(server, publicResources);
    registerMeetingGuideRoutes(server, feedCache);
    registerCsvRoutes(server, new CsvFeedCache(laggingRepos, { publicUrl: config.publicUrl }));
    registerBmltRoutes(server, {
      catalogue: new ServedCatalogueCache(laggingRepos, config.publicUrl),
      rootServerUri: config.publicUrl,
      version,
      languages: locales,
    });
    registerHsdsRoutes(server, {
      meetings,
      catalogue: new HsdsCatalogueCache(laggingRepos, config.publicUrl),
      publicUrl: config.publicUrl,
      clock,
      parts: [new PublishedResourcesForHsds(repos.resources)],
    });
    registerSearchCalendarRoute(server, { search, meetings, publicUrl: config.publicUrl, clock });
    registerWebRoutes(server, {
      meetings,
      reportProblem: problemReporter(repos, clock),
      publicUrl: config.publicUrl,
      clock,
      client,
      search,
      ridesOffered: async (meeting) => (await ridesOffered({ repos }, meeting)) !== undefined,
    });
    registerPrintRoutes(server, { search, repos, clock, publicUrl: config.publicUrl });
    registerResourcePages(server, {
      finder: publicResources,
      publicUrl: config.publicUrl,
      clock,
      ...(client !== undefined ? { client } : {}),
    });
    registerSpacePages(server, { publicUrl: config.publicUrl, client });
    // The space's sync keeps ciphertext only (decision 0113).
    registerSpaceApiRoutes(server, new SpaceSync(new SpaceBlobRepository(database.db), clock));
    // Reminders before saved meetings: a calendar feed per device, its contents sealed under
    // the feed's own secret (decision 0135).
    registerSpaceCalendarRoutes(
      server,
      new SpaceCalendars({
        repo: new SpaceCalendarRepository(database.db),
        clock,
        meetings,
        publicUrl: config.publicUrl,
      }),
    );
    // Numbers are kept only as this keyed hash, under a key of their own from the master key.
    const textSender = lazySenderKey(() => keyring().deriveKey('textline-sender'));
    const conversations = new Conversations(clock);
    // One SMTP attempt per delivery attempt: the queue does the retrying.
    const mailer = ports.mailer ?? configuredMailer(config, { clock, logger, attempts: 1 });
    closeMailer = () => mailer.close?.();
    const smsSender = ports.smsSender ?? configuredSmsSender(config.sms, clock);
    const pushSender = ports.pushSender ?? configuredPushSender(config, clock);
    // Supporters of a personal space are reached through the same queue, on the channels this
    // server has (decision 0114); a browser subscribes to push with the server's public key.
    const supporters: Supporters = new Supporters({
      repo: repos.spaceSupporters,
      clock,
      // The page and the help button answer once the channel took the message (or it waits
      // for a retry), so "sent" means sent.
      deliver: (request): Promise<unknown> =>
        deliveries.enqueue(request, { waitForFirstAttempt: true }),
      channels: [
        'email',
        ...(smsSender !== undefined ? ['sms' as const] : []),
        ...(pushSender !== undefined ? ['push' as const] : []),
      ] satisfies SupporterChannel[],
      publicUrl: config.publicUrl,
    });
    // Every outgoing message can go through one queue: retried, dead-lettered, sent once per key.
    const deliveries = new DeliveryQueue({
      deliveries: repos.deliveries,
      jobs: repos.jobs,
      clock,
      channels: {
        email: mailer,
        ...optional('sms', smsSender),
        ...optional('push', pushSender),
      },
      // A supporter reached by push who can no longer be is forgotten.
      onPushGone: (subscription) => supporters.pushGone(subscription.endpoint),
      logger,
    });
    deliveries.attach(jobs, { sendAtOnce: ports.sendDeliveriesAtOnce ?? true });
    // Volunteers signed up for a shift are mailed the day before, through the same queue.
    const shiftReminders = { repos, clock, queue: deliveries, publicUrl: config.publicUrl };
    registerShiftReminders(shiftReminders, jobs);
    // Coaches are reminded of referrals that wait for an answer, through the same queue.
    const referralFollowUps = { repos, clock, queue: deliveries, publicUrl: config.publicUrl };
    registerReferralFollowUps(referralFollowUps, jobs);
    registerSupporterSweep(supporters, jobs);
    registerSupporterApiRoutes(server, supporters);
    const pushKey =
      pushSender === undefined
        ? undefined
        : (config.vapid ?? readVapidKeys(config.dataDir))?.publicKey;
    registerSupporterPages(server, {
      supporters,
      publicUrl: config.publicUrl,
      ...(pushKey !== undefined ? { pushKey } : {}),
    });
    // Groups whose series ended leave the finder the next day.
    registerCenterListings(deskDeps, jobs);
    // Sign-in links and editor notices go through the queue: retried, and dead-lettered visibly.
    const queuedMailer = new QueuedMailer(deliveries);
    const guard = registerStewardshipRoutes(server, {
      repos,
      clock,
      publicUrl: config.publicUrl,
      mailer: queuedMailer,
      onBackgroundError: (error) => logger.error({ err: error }, 'sign-in mail failed'),
      ...(ports.signInLimits !== undefined ? { limits: ports.signInLimits } : {}),
      ...(limitStore !== undefined ? { limitStore } : {}),
    });
    isAdministrator = async (request) =>
      ((await guard.signedIn(request))?.actor.grants ?? []).some((g) => g.role === 'administrator');
    registerEditingRoutes(
      server,
      {
        repos,
        clock,
        mailer: queuedMailer,
        guard,
        publicUrl: config.publicUrl,
        locatePlace: (query) => geocoder.lookup(query, { limit: 1 })[0],
        // Edits reach the search index and feed caches the way imports do.
        onChange: (change) => importDeps.onChange?.(change),
        onMailError: (error) => logger.error({ err: error }, 'suggestion mail failed'),
        ...(ports.formTiming !== undefined ? { formTiming: ports.formTiming } : {}),
        ...(ports.suggestLimit !== undefined ? { suggestLimit: ports.suggestLimit } : {}),
      },
      { importDeps, jobs },
    );
    registerDemandRoutes(server, {
      repository: demandReports,
      flush: () => demandTally!.flush(),
      optionsNear: (need, point) => needOptions(search, need, point),
      actorOf: async (request) => (await guard.signedIn(request))?.actor,
    });
    registerDemandPage(server, {
      repository: demandReports,
      flush: () => demandTally!.flush(),
      optionsNear: (need, point) => needOptions(search, need, point),
      actorOf: async (request) => (await guard.signedIn(request))?.actor,
      clock,
      publicUrl: config.publicUrl,
      csrf: guardCsrf(guard),
    });
    const desk = createCenterDesk(deskDeps);
    registerCenterApiRoutes(server, desk);
    const referralDesk = createReferralDesk(deskDeps, config.publicUrl);
    registerReferralRoutes(server, referralDesk);
    registerCenterPages(server, { desk, guard, publicUrl: config.publicUrl });
    // The center's own directories on its desk, published or withdrawn by its supervisors.
    registerCenterSourcePages(server, {
      centers: desk,
      sources: centerResourceSources({ resources: repos.resources, jobs: repos.jobs }),
      guard,
      publicUrl: config.publicUrl,
    });
    registerReferralPages(server, {
      centers: desk,
      referrals: referralDesk,
      guard,
      // The desk refers to every source, published or kept for its staff.
      finder: new ResourceFinder(
        repos.resources,
        clock,
        (text) => search.resolvePlace(text),
        'all',
      ),
      publicUrl: config.publicUrl,
      now: () => clock.now(),
    });
    // Rides reach riders and drivers through the queue, by the channel each gave.
    const rideMessenger: RideMessenger = {
      send: async (to, message, idempotencyKey) => {
        await (to.channel === 'sms'
          ? deliveries.enqueue({
              channel: 'sms',
              idempotencyKey,
              message: { to: to.phone, text: message.text },
            })
          : deliveries.enqueue({
              channel: 'email',
              idempotencyKey,
              message: { to: to.email, subject: message.subject, text: message.text },
            }));
      },
    };
    const rideDeps = {
      repos,
      clock,
      keyring,
      messenger: rideMessenger,
      publicUrl: config.publicUrl,
    };
    registerRideUpkeep(rideDeps, jobs);
    const rideDesk = createRideDesk(rideDeps);
    const textLine = new TextLine({
      search,
      dialIns: async (ids) => dialStrings(await repos.meetings.byIds(ids)),
      optOuts: repos.textlineOptOuts,
      senderKey: textSender,
      conversations,
      clock,
      publicUrl: config.publicUrl,
      // RIDE: the same ride desk as the pages, the code texted through the queue.
      rides: ridesByText(rideDesk),
    });
    registerRidePages(server, {
      desk: rideDesk,
      clock,
      publicUrl: config.publicUrl,
      csrf: guardCsrf(guard),
      actorOf: async (request) => (await guard.signedIn(request))?.actor,
      placeOf: (text) => search.resolvePlace(text),
      ...(ports.rideAskLimit !== undefined ? { askLimit: ports.rideAskLimit } : {}),
    });
    const voiceLine = new VoiceLine({
      textLine,
      conversations,
      senderKey: textSender,
      optOuts: repos.textlineOptOuts,
      clock,
      ...(smsSender !== undefined
        ? {
            sendText: async ({ to, text, idempotencyKey }) => {
              await deliveries.enqueue(
                { channel: 'sms', idempotencyKey, message: { to, text } },
                // The caller hears "sent" only once the provider took it (or it is queued for a retry).
                { waitForFirstAttempt: true },
              );
            },
          }
        : {}),
      ...(config.textline.helpline !== undefined ? { helpline: config.textline.helpline } : {}),
      onCall: config.textline.onCall === undefined ? [] : parseOnCall(config.textline.onCall),
      timeZone: config.textline.timeZone,
    });
    registerTextlineRoutes(server, {
      textLine,
      voiceLine,
      config: config.textline,
      publicUrl: config.publicUrl,
    });
    server.get('/api/openapi.json', { schema: { hide: true } }, () => server.swagger());
    await server.ready();
    ready = true;
    return {
      config,
      keyring,
      database,
      repos,
      server,
      importDeps,
      geocoder,
      search,
      textLine,
      jobs,
      deliveries,
      startJobs: async () => {
        await scheduleLinkCheck(importDeps, config.linkCheckEverySeconds);
        await deliveries.scheduleSweep();
        await scheduleShiftReminders(shiftReminders, repos.jobs);
        await scheduleRideUpkeep(rideDeps, repos.jobs);
        await scheduleReferralFollowUps(referralFollowUps, repos.jobs);
        await scheduleSupporterSweep(repos.jobs, clock.now().toISOString());
        await scheduleCenterListings(deskDeps, repos.jobs);
        jobs.start();
      },
      close: async () => {
        await jobs.stop();
        await server.close();
        await closeMailer();
        await search.close();
        await demandTally?.flush();
        await limitStore?.quit();
        await replica?.close();
        await database.close();
      },
    };
  } catch (error) {
    await searchService?.close();
    await closeMailer();
    limitStore?.disconnect();
    await replica?.close();
    await database.close();
    throw error;
  }
}

/** Whether source refreshes run on a worker thread: by default, when the thread can build the same ports. */
function refreshesOnThread(config: Config, ports: AppPorts): boolean {
  if (ports.refreshOnThread !== undefined) return ports.refreshOnThread;
  const injected = [
    ports.clock,
    ports.timers,
    ports.fetcher,
    ports.geocoder,
    ports.addressGeocoder,
  ];
  return storeSharedByThreads(config.databaseUrl) && injected.every((p) => p === undefined);
}

/** `{ [key]: value }` when there is a value, `{}` otherwise (for optional properties). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
