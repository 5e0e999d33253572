import type { Kysely } from 'kysely';
import { MeetingRepository } from './meetings/repository.js';
import { RevisionRepository } from './platform/database/revision.js';
import type { Database } from './platform/database/schema.js';
import { ProblemReportRepository } from './reports/repository.js';
import { SourceRepository } from './sources/repository.js';

/** Every repository, bound to one database or to one transaction. */
export interface Repositories {
  meetings: MeetingRepository;
  sources: SourceRepository;
  revision: RevisionRepository;
  problemReports: ProblemReportRepository;
  /** Runs `work` in one transaction: it all happens, or none of it does. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/** Binds the repositories to a database. */
export function createRepositories(db: Kysely<Database>): Repositories {
  return {
    meetings: new MeetingRepository(db),
    sources: new SourceRepository(db),
    revision: new RevisionRepository(db),
    problemReports: new ProblemReportRepository(db),
    transaction: (work) => db.transaction().execute((trx) => work(createRepositories(trx))),
  };
}
