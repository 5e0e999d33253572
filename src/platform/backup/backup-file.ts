/**
 * The backup file: gzip-compressed JSON lines, the same for SQLite and PostgreSQL, so a backup
 * restores into either (a list that outgrows SQLite moves to PostgreSQL by backup and restore).
 *
 *   {"format":"porchlight-backup","version":1,...}   the header: dialect, migrations, time
 *   {"table":"sources","columns":["id",...]}         a table, in an order its references allow
 *   ["a1b2",...]                                      its rows, one per line, values in column order
 *   {"end":true,"tables":{"sources":{"rows":3,"sha256":"..."}}}   counts and digests to verify
 *
 * Every column the schema has is text or an integer, so a row's values are JSON strings, numbers
 * and nulls; a byte string (none today) would be `{"$bytes":"<base64>"}`. The file holds what the
 * database holds, sealed records included; the keys that open them are never in it.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { PorchlightError } from '../errors.js';

export const BACKUP_FORMAT = 'porchlight-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** The dialect the backup was read from (any restores into either). */
  dialect: 'sqlite' | 'postgres';
  /** The migrations the database had applied: the schema the rows fit. */
  migrations: string[];
  /** Porchlight's version that wrote it. */
  writtenBy: string;
}

export interface TableSummary {
  rows: number;
  /**
   * The sum (mod 2^256) of each row line's SHA-256: the same for the same rows in any order, so
   * two databases holding the same rows compare equal whatever order each stores them in, and a
   * damaged file differs from a whole one.
   */
  sha256: string;
}

export type Row = Record<string, unknown>;
type Value = string | number | null | { $bytes: string };

/** Writes a backup file line by line, counting and digesting each table's rows. */
export class BackupWriter {
  private readonly gzip: Gzip;
  private readonly out: WriteStream;
  private readonly done: Promise<unknown>;
  private readonly summaries: Record<string, TableSummary> = {};
  private current:
    { name: string; columns: string[]; rows: number; digest: RowsDigest } | undefined;

  constructor(file: string, header: BackupHeader) {
    // Owner-only: the file holds what the database holds.
    this.out = createWriteStream(file, { mode: 0o600 });
    this.gzip = createGzip();
    this.gzip.pipe(this.out);
    this.done = once(this.out, 'close');
    this.out.on('error', () => undefined);
    this.gzip.write(`${JSON.stringify(header)}\n`);
  }

  async startTable(name: string, columns: string[]): Promise<void> {
    this.endTable();
    this.current = { name, columns, rows: 0, digest: new RowsDigest() };
    await this.line({ table: name, columns });
  }

  async row(row: Row): Promise<void> {
    const table = this.current;
    if (table === undefined) throw new Error('a row before its table');
    const text = JSON.stringify(table.columns.map((c) => encodeValue(row[c])));
    table.rows += 1;
    table.digest.add(text);
    await this.write(`${text}\n`);
  }

  /** Writes the trailer and waits until the file is on disk. */
  async finish(): Promise<Record<string, TableSummary>> {
    this.endTable();
    await this.line({ end: true, tables: this.summaries });
    this.gzip.end();
    await this.done;
    return this.summaries;
  }

  private endTable(): void {
    const table = this.current;
    if (table === undefined) return;
    this.summaries[table.name] = { rows: table.rows, sha256: table.digest.hex() };
    this.current = undefined;
  }

  private line(value: unknown): Promise<void> {
    return this.write(`${JSON.stringify(value)}\n`);
  }

  private async write(text: string): Promise<void> {
    if (!this.gzip.write(text)) await once(this.gzip, 'drain');
  }
}

const MOD = 1n << 256n;

/** An order-free digest of a table's row lines (see {@link TableSummary.sha256}). */
class RowsDigest {
  private sum = 0n;

  add(line: string): void {
    this.sum = (this.sum + BigInt(`0x${createHash('sha256').update(line).digest('hex')}`)) % MOD;
  }

  hex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}

function encodeValue(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  throw new Error(`a value of type ${typeof value} cannot be backed up`);
}

function decodeValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$bytes' in value)
    return Buffer.from(String(value.$bytes), 'base64');
  return value;
}

/** What reading a backup gives, table by table, after the header. */
export interface BackupTable {
  name: string;
  columns: string[];
  rows: AsyncGenerator<Row[]>;
}

/**
 * Reads a backup file: the header first, then each table with its rows in batches. Anything
 * that is not a whole, intact backup (not gzip, not JSON, cut short, digests that differ) throws
 * PL_BACKUP_INVALID; the caller applies nothing until the trailer has been checked.
 */
export class BackupReader {
  private readonly lines: AsyncIterator<string>;
  private readonly summaries: Record<string, TableSummary> = {};
  private pending: string | undefined;
  private trailer: Record<string, TableSummary> | undefined;

  private constructor(file: string) {
    const gunzip = createGunzip();
    const input = createReadStream(file);
    input.on('error', (error) => gunzip.destroy(error));
    this.lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity })[
      Symbol.asyncIterator
    ]();
  }

  static async open(file: string): Promise<{ reader: BackupReader; header: BackupHeader }> {
    const reader = new BackupReader(file);
    const first = await reader.next();
    const header = parse(first) as Partial<BackupHeader> | undefined;
    if (header?.format !== BACKUP_FORMAT || !Array.isArray(header.migrations))
      throw invalid('it is not a Porchlight backup');
    if (typeof header.version !== 'number' || header.version > BACKUP_VERSION)
      throw new PorchlightError(
        'PL_BACKUP_NEWER',
        `The backup's format (version ${String(header.version)}) is newer than this Porchlight reads; upgrade Porchlight first.`,
      );
    return { reader, header: header as BackupHeader };
  }

  /** The tables in the file's order; each table's rows must be read before the next table. */
  async *tables(batchSize: number): AsyncGenerator<BackupTable> {
    for (;;) {
      const line = this.pending ?? (await this.next());
      this.pending = undefined;
      const value = parse(line) as {
        table?: unknown;
        columns?: unknown;
        end?: unknown;
        tables?: unknown;
      };
      if (value?.end === true) {
        this.trailer = value.tables as Record<string, TableSummary>;
        return;
      }
      if (typeof value?.table !== 'string' || !Array.isArray(value.columns))
        throw invalid('a table is not where one should be');
      const name = value.table;
      const columns = value.columns.map(String);
      yield { name, columns, rows: this.rowsOf(name, columns, batchSize) };
    }
  }

  /** Checks the counts and digests against the trailer; call after every table was read. */
  verify(): void {
    if (this.trailer === undefined) throw invalid('the file ends before its last line');
    for (const [name, summary] of Object.entries(this.trailer)) {
      const read = this.summaries[name];
      if (read?.rows !== summary.rows || read.sha256 !== summary.sha256)
        throw invalid(`the table ${name} differs from what was written`);
    }
  }

  private async *rowsOf(name: string, columns: string[], batchSize: number): AsyncGenerator<Row[]> {
    const digest = new RowsDigest();
    let count = 0;
    let batch: Row[] = [];
    for (;;) {
      const line = await this.next();
      if (!line.startsWith('[')) {
        this.pending = line;
        break;
      }
      const values = parse(line);
      if (!Array.isArray(values) || values.length !== columns.length)
        throw invalid(`a row of ${name} does not fit its columns`);
      digest.add(line);
      count += 1;
      const row: Row = {};
      columns.forEach((column, i) => (row[column] = decodeValue(values[i])));
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    this.summaries[name] = { rows: count, sha256: digest.hex() };
  }

  private async next(): Promise<string> {
    let result: IteratorResult<string>;
    try {
      result = await this.lines.next();
    } catch (error) {
      throw invalid(
        `it cannot be read (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (result.done === true) throw invalid('the file ends before its last line');
    return result.value;
  }
}

function parse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw invalid('a line is not JSON');
  }
}

function invalid(why: string): PorchlightError {
  return new PorchlightError('PL_BACKUP_INVALID', `The file is not a whole backup: ${why}.`);
}
