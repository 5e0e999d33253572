/**
 * The tables of a database in an order their references allow (a table after every table it
 * refers to), with each table's references to itself, so rows can be written and restored
 * without switching foreign keys off, which PostgreSQL allows only a superuser.
 */
import { sql, type Kysely, type TableMetadata } from 'kysely';
import type { DialectName } from '../database/connect.js';

/** Kysely's own bookkeeping; the restore makes these by migrating. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface TablePlan {
  name: string;
  columns: string[];
  /** Columns of this table that refer to another column of the same table (a parent row). */
  selfReferences: { column: string; references: string }[];
}

interface Reference {
  child: string;
  parent: string;
  column: string;
  references: string;
}

/** Every table of the application, parents first; ties keep alphabetical order (stable). */
export async function tablePlan(db: Kysely<unknown>, dialect: DialectName): Promise<TablePlan[]> {
  const tables = (await tablesHere(db, dialect))
    .filter((t) => !t.isView && !MIGRATION_TABLES.has(t.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  const references = await referencesOf(
    db,
    dialect,
    tables.map((t) => t.name),
  );
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const r of references) if (r.child !== r.parent) parents.get(r.child)?.add(r.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find(
      (t) => !placed.has(t.name) && [...(parents.get(t.name) ?? [])].every((p) => placed.has(p)),
    );
    if (next === undefined) throw new Error('the tables refer to each other in a cycle');
    ordered.push(next.name);
    placed.add(next.name);
  }
  const byName = new Map(tables.map((t) => [t.name, t]));
  return ordered.map((name) => ({
    name,
    columns: (byName.get(name)?.columns ?? []).map((c) => c.name),
    selfReferences: references
      .filter((r) => r.child === name && r.parent === name)
      .map(({ column, references: target }) => ({ column, references: target })),
  }));
}

/**
 * The tables of this connection's own schema: on PostgreSQL Kysely lists every schema's, and
 * several Porchlight databases may share one server in schemas of their own.
 */
export async function tablesHere(
  db: Kysely<unknown>,
  dialect: DialectName,
  options: { withInternalKyselyTables: boolean } = { withInternalKyselyTables: false },
): Promise<TableMetadata[]> {
  const tables = await db.introspection.getTables(options);
  if (dialect !== 'postgres') return tables;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return tables.filter((t) => t.schema === rows[0]?.schema);
}

async function referencesOf(
  db: Kysely<unknown>,
  dialect: DialectName,
  tables: string[],
): Promise<Reference[]> {
  if (dialect === 'postgres') {
    const { rows } = await sql<Reference>`
      select child.relname as child, parent.relname as parent,
             child_column.attname as column, parent_column.attname as references
      from pg_constraint c
      join pg_class child on child.oid = c.conrelid
      join pg_class parent on parent.oid = c.confrelid
      join pg_attribute child_column
        on child_column.attrelid = c.conrelid and child_column.attnum = c.conkey[1]
      join pg_attribute parent_column
        on parent_column.attrelid = c.confrelid and parent_column.attnum = c.confkey[1]
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db);
    return rows;
  }
  const found: Reference[] = [];
  for (const child of tables) {
    const { rows } = await sql<{ table: string; from: string; to: string | null }>`
      select "table", "from", "to" from pragma_foreign_key_list(${child})`.execute(db);
    for (const r of rows)
      found.push({ child, parent: r.table, column: r.from, references: r.to ?? 'rowid' });
  }
  return found;
}

/**
 * Orders a self-referencing table's rows so a row comes after the row it refers to (service
 * bodies inside service bodies). A reference to a row that is not there is left to the
 * database to refuse, as it would have refused it when the row was written.
 */
export function parentsFirst(
  rows: Record<string, unknown>[],
  plan: TablePlan,
): Record<string, unknown>[] {
  if (plan.selfReferences.length === 0) return rows;
  const out: Record<string, unknown>[] = [];
  const keys = plan.selfReferences.map((r) => r.references);
  const placed = new Set<string>();
  const key = (row: Record<string, unknown>, column: string) =>
    `${column}\u0000${String(row[column])}`;
  let rest = rows;
  while (rest.length > 0) {
    const waiting: Record<string, unknown>[] = [];
    for (const row of rest) {
      const ready = plan.selfReferences.every(
        ({ column, references }) =>
          row[column] === null ||
          row[column] === undefined ||
          placed.has(key({ [references]: row[column] }, references)),
      );
      if (!ready) {
        waiting.push(row);
        continue;
      }
      out.push(row);
      for (const k of keys) placed.add(key(row, k));
    }
    // Nothing more can be placed: the rest refer to rows that are missing; keep them last.
    if (waiting.length === rest.length) return [...out, ...waiting];
    rest = waiting;
  }
  return out;
}
