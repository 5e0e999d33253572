import {
  Migrator,
  PostgresAdapter,
  sql,
  type Kysely,
  type Migration,
  type MigrationResultSet,
} from 'kysely';
import * as initial from './migrations/0001-initial.js';
import * as problemReports from './migrations/0002-problem-reports.js';
import * as refreshJobs from './migrations/0004-refresh-jobs.js';
import * as accounts from './migrations/0005-accounts.js';
import * as history from './migrations/0006-history.js';
import * as formTokens from './migrations/0007-form-tokens.js';
import * as removedSources from './migrations/0008-removed-sources.js';
import * as geocodeCache from './migrations/0009-geocode-cache.js';
import * as deliveries from './migrations/0010-deliveries.js';
import * as sealedDeliveries from './migrations/0011-sealed-deliveries.js';
import * as centers from './migrations/0020-centers.js';
import * as apiTokens from './migrations/0021-api-tokens.js';
import * as centerTimeZone from './migrations/0022-center-time-zone.js';
import * as centerPlans from './migrations/0023-center-plans.js';
import * as centerShifts from './migrations/0024-center-shifts.js';
import * as textlineOptOuts from './migrations/0030-textline-opt-outs.js';
import * as revisionChanges from './migrations/0031-revision-changes.js';
import * as resources from './migrations/0040-resources.js';
import * as referrals from './migrations/0041-referrals.js';
import * as publicResourceSources from './migrations/0042-public-resource-sources.js';
import * as centerEvents from './migrations/0043-center-events.js';
import * as resourceSourceRefresh from './migrations/0044-resource-source-refresh.js';
import * as referralLinkSecrets from './migrations/0045-referral-link-secrets.js';
import * as demandCounts from './migrations/0050-demand-counts.js';
import * as rides from './migrations/0055-rides.js';
import * as spaceSync from './migrations/0060-space-sync.js';
import * as spaceSupporters from './migrations/0061-space-supporters.js';
import * as spaceCalendars from './migrations/0062-space-calendars.js';
import * as sealedEmails from './migrations/0012-sealed-emails.js';
import * as sealedSuggesterEmails from './migrations/0013-sealed-suggester-emails.js';

/** The static, ordered list of migrations: no directory scanning, so bundling cannot drop one. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-problem-reports': problemReports,
  '0004-refresh-jobs': refreshJobs,
  '0005-accounts': accounts,
  '0006-history': history,
  '0007-form-tokens': formTokens,
  '0008-removed-sources': removedSources,
  '0009-geocode-cache': geocodeCache,
  '0010-deliveries': deliveries,
  '0011-sealed-deliveries': sealedDeliveries,
  '0012-sealed-emails': sealedEmails,
  '0013-sealed-suggester-emails': sealedSuggesterEmails,
  '0020-centers': centers,
  '0021-api-tokens': apiTokens,
  '0022-center-time-zone': centerTimeZone,
  '0023-center-plans': centerPlans,
  '0024-center-shifts': centerShifts,
  '0030-textline-opt-outs': textlineOptOuts,
  '0031-revision-changes': revisionChanges,
  '0040-resources': resources,
  '0041-referrals': referrals,
  '0042-public-resource-sources': publicResourceSources,
  '0043-center-events': centerEvents,
  '0044-resource-source-refresh': resourceSourceRefresh,
  '0045-referral-link-secrets': referralLinkSecrets,
  '0050-demand-counts': demandCounts,
  '0055-rides': rides,
  '0060-space-sync': spaceSync,
  '0061-space-supporters': spaceSupporters,
  '0062-space-calendars': spaceCalendars,
};

/** Every migration's name, in the order they apply. */
export const migrationNames: readonly string[] = Object.keys(migrations);

/** Brings the schema up to date; throws with the failing migration's name on error. */
export function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  return applyMigrations(db, migrations);
}

/**
 * Applies only the named migrations (those a backup's rows were written under), so the rows fit
 * the schema exactly; the rest follow with {@link migrateToLatest}, data migrations included.
 */
export function migrateOnly(db: Kysely<unknown>, names: readonly string[]): Promise<string[]> {
  const wanted = new Set(names);
  return applyMigrations(
    db,
    Object.fromEntries(Object.entries(migrations).filter(([name]) => wanted.has(name))),
  );
}

async function applyMigrations(
  db: Kysely<unknown>,
  chosen: Record<string, Migration>,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(chosen) },
    // Capabilities add their tables independently (the center desk, deliveries, ...); a database
    // that has a later-numbered migration still takes an earlier one that arrived after it.
    allowUnorderedMigrations: true,
    // On PostgreSQL the bookkeeping tables live in the connection's own schema; otherwise Kysely
    // would find another schema's tables and think this one is migrated.
    ...(await postgresSchema(db)),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason =
      result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`migration ${failed} failed: ${reason}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function postgresSchema(db: Kysely<unknown>): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {};
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return schema === undefined ? {} : { migrationTableSchema: schema };
}
