import type { Kysely } from 'kysely';
import type { Keyring } from './platform/crypto/keyring.js';
import { MeetingRepository } from './meetings/repository.js';
import { RevisionRepository } from './platform/database/revision.js';
import type { Database } from './platform/database/schema.js';
import { ProblemReportRepository } from './reports/repository.js';
import { SourceRepository } from './sources/repository.js';
import { JobRepository } from './platform/jobs/job-repository.js';
import { HeldSnapshotRepository } from './sources/refresh-held-repository.js';
import { DuplicateRepository } from './sources/duplicates-repository.js';
import { LinkCheckRepository } from './sources/link-check-repository.js';
import { RemovedSourceRepository } from './sources/removed-source-repository.js';
import { AccountRepository } from './accounts/account-repository.js';
import { AuditRepository } from './accounts/audit-repository.js';
import { ServiceBodyRepository } from './stewardship/service-body-repository.js';
import { HistoryRepository } from './stewardship/history/history-repository.js';
import { ChangeRequestRepository } from './stewardship/change-requests/change-request-repository.js';
import { GeocodeCacheRepository } from './places/geocode-cache-repository.js';
import { DeliveryRepository } from './messaging/delivery-repository.js';
import type { StartImportHistory } from './sources/import-history-port.js';
import { startImportHistory } from './stewardship/history/import-history.js';
import { ApiTokenRepository } from './accounts/api-token-repository.js';
import { CenterRepository } from './centers/center-repository.js';
import { MemberRepository } from './centers/members/member-repository.js';
import { EncounterRepository } from './centers/encounters/encounter-repository.js';
import { AssessmentRepository } from './centers/assessments/assessment-repository.js';
import { ReportRepository } from './centers/reports/report-repository.js';
import { PlanRepository } from './centers/plans/plan-repository.js';
import { ShiftRepository } from './centers/shifts/shift-repository.js';
import { EventRepository } from './centers/events/event-repository.js';
import { ResourceRepository } from './resources/resource-repository.js';
import { ReferralRepository } from './referrals/referral-repository.js';
import { OptOutRepository } from './textline/opt-out-repository.js';
import { RideRepository } from './rides/ride-repository.js';
import { SupporterRepository } from './space/supporter-repository.js';

/** Every repository, bound to one database or to one transaction. */
export interface Repositories {
  meetings: MeetingRepository;
  sources: SourceRepository;
  revision: RevisionRepository;
  problemReports: ProblemReportRepository;
  accounts: AccountRepository;
  serviceBodies: ServiceBodyRepository;
  audit: AuditRepository;
  jobs: JobRepository;
  heldSnapshots: HeldSnapshotRepository;
  duplicates: DuplicateRepository;
  linkChecks: LinkCheckRepository;
  history: HistoryRepository;
  changeRequests: ChangeRequestRepository;
  removedSources: RemovedSourceRepository;
  geocodeCache: GeocodeCacheRepository;
  deliveries: DeliveryRepository;
  /** The history an import records in its transaction (keeping the list implements it). */
  importHistory: StartImportHistory;
  apiTokens: ApiTokenRepository;
  centers: CenterRepository;
  centerMembers: MemberRepository;
  centerEncounters: EncounterRepository;
  centerAssessments: AssessmentRepository;
  centerPlans: PlanRepository;
  centerShifts: ShiftRepository;
  centerEvents: EventRepository;
  centerReports: ReportRepository;
  resources: ResourceRepository;
  referrals: ReferralRepository;
  textlineOptOuts: OptOutRepository;
  rides: RideRepository;
  /** Supporters of personal spaces: their contacts sealed under the master key. */
  spaceSupporters: SupporterRepository;
  /** Runs `work` in one transaction: it all happens, or none of it does. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/**
 * Binds the repositories to a database; `keyring` (the master key, loaded on first use) seals
 * pending deliveries, and only a store that queues messages needs it.
 */
export function createRepositories(db: Kysely<Database>, keyring?: () => Keyring): Repositories {
  const repos: Repositories = {
    meetings: new MeetingRepository(db),
    sources: new SourceRepository(db),
    revision: new RevisionRepository(db),
    problemReports: new ProblemReportRepository(db),
    accounts: new AccountRepository(db, keyring),
    serviceBodies: new ServiceBodyRepository(db),
    audit: new AuditRepository(db),
    jobs: new JobRepository(db),
    heldSnapshots: new HeldSnapshotRepository(db),
    duplicates: new DuplicateRepository(db),
    linkChecks: new LinkCheckRepository(db),
    history: new HistoryRepository(db),
    changeRequests: new ChangeRequestRepository(db, keyring),
    removedSources: new RemovedSourceRepository(db),
    geocodeCache: new GeocodeCacheRepository(db),
    deliveries: new DeliveryRepository(db, keyring),
    importHistory: (sourceId, at) => startImportHistory(repos, sourceId, at),
    apiTokens: new ApiTokenRepository(db),
    centers: new CenterRepository(db),
    centerMembers: new MemberRepository(db),
    centerEncounters: new EncounterRepository(db),
    centerAssessments: new AssessmentRepository(db),
    centerPlans: new PlanRepository(db),
    centerShifts: new ShiftRepository(db),
    centerEvents: new EventRepository(db),
    centerReports: new ReportRepository(db),
    resources: new ResourceRepository(db),
    referrals: new ReferralRepository(db),
    textlineOptOuts: new OptOutRepository(db),
    rides: new RideRepository(db),
    spaceSupporters: new SupporterRepository(db, keyring),
    transaction: (work) =>
      db.transaction().execute((trx) => work(createRepositories(trx, keyring))),
  };
  return repos;
}
