import type { Kysely, Selectable } from 'kysely';
import { columns } from '../platform/database/columns.js';
import type { Database, SourcesTable } from '../platform/database/schema.js';
import type { ImportReport, Source, SourceFormat } from './model.js';
import type { HttpValidators } from './refresh-validators.js';

/** The only code that speaks SQL about sources. */
export class SourceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findByName(name: string): Promise<Source | undefined> {
    const row = await this.db
      .selectFrom('sources')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async list(): Promise<Source[]> {
    const rows = await this.db.selectFrom('sources').selectAll().orderBy('name').execute();
    return rows.map(fromRow);
  }

  async create(source: Source): Promise<void> {
    await this.db
      .insertInto('sources')
      .values({
        ...plain.toRow(source),
        last_report: source.lastReport === undefined ? null : JSON.stringify(source.lastReport),
      })
      .execute();
  }

  async updateSettings(
    id: string,
    settings: { program: string; format: SourceFormat; location: string; defaultTimeZone?: string },
  ): Promise<void> {
    await this.db
      .updateTable('sources')
      .set({
        program: settings.program,
        format: settings.format,
        location: settings.location,
        default_time_zone: settings.defaultTimeZone ?? null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Deletes the source row; its held snapshot and service-body link go with it. */
  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sources').where('id', '=', id).execute();
  }

  /** Stores the report of the latest import; `applied` also moves the last-import time. */
  async recordImport(id: string, report: ImportReport): Promise<void> {
    const changes: Partial<SourcesTable> = { last_report: JSON.stringify(report) };
    const current = ['applied', 'unchanged', 'not_modified'].includes(report.outcome);
    if (current) changes.last_import_at = report.finishedAt;
    await this.db.updateTable('sources').set(changes).where('id', '=', id).execute();
  }

  /** What the source's server said about the snapshot last applied from it. */
  async validators(id: string): Promise<HttpValidators | undefined> {
    const row = await this.db
      .selectFrom('sources')
      .select('http_validators')
      .where('id', '=', id)
      .executeTakeFirst();
    const text = row?.http_validators;
    return text === null || text === undefined ? undefined : (JSON.parse(text) as HttpValidators);
  }

  /** Remembers (or, with undefined, forgets) the validators for the next conditional read. */
  async saveValidators(id: string, validators: HttpValidators | undefined): Promise<void> {
    await this.db
      .updateTable('sources')
      .set({ http_validators: validators === undefined ? null : JSON.stringify(validators) })
      .where('id', '=', id)
      .execute();
  }
}

/** The fields stored as they are; the format is narrowed and the report is JSON. */
const plain = columns([
  'id',
  'name',
  'format',
  'program',
  'createdAt',
  'location',
  'defaultTimeZone',
  'lastImportAt',
]);

function fromRow(row: Selectable<SourcesTable>): Source {
  const source: Source = { ...plain.fromRow(row), format: row.format as SourceFormat };
  if (row.last_report !== null) source.lastReport = JSON.parse(row.last_report) as ImportReport;
  return source;
}
