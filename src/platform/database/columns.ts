/*
 * Maps a record's plain fields to a table's columns and back: `defaultTimeZone` is the column
 * `default_time_zone`, an optional field left out is NULL, and a NULL column is a field left
 * out (never `undefined`: the records are built for `exactOptionalPropertyTypes`). Each
 * repository names its plain fields once and keeps by hand only what needs more than a rename
 * (JSON, counts read as numbers, values narrowed to a union), so the two directions cannot
 * drift apart as hand-written copies did.
 */

/** `defaultTimeZone` as a column name: `default_time_zone`. */
export type SnakeCase<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<Rest>}`
  : S;

/** The columns that hold fields `K` of a record `T`: an optional field's column may be NULL. */
export type ColumnsOf<T, K extends string> = {
  [F in K as SnakeCase<F>]-?: F extends keyof T
    ? undefined extends T[F]
      ? Exclude<T[F], undefined> | null
      : T[F]
    : null;
};

/** The fields `K` read from a row `R`: a column that may be NULL is an optional field. */
export type FieldsOf<R, K extends string> = {
  [
    F in K as SnakeCase<F> extends keyof R ? (null extends R[SnakeCase<F>] ? never : F) : never
  ]: R[SnakeCase<F> & keyof R];
} & {
  [
    F in K as SnakeCase<F> extends keyof R ? (null extends R[SnakeCase<F>] ? F : never) : never
  ]?: Exclude<R[SnakeCase<F> & keyof R], null>;
};

/** The mapping of one table's plain fields, both ways. */
export interface Columns<K extends string> {
  /** The fields' values under their column names, NULL for an optional field left out. */
  toRow<T extends { [F in K]?: unknown }>(record: T): ColumnsOf<T, K>;
  /** The columns' values under their field names, leaving out those that are NULL. */
  fromRow<R extends { [F in K as SnakeCase<F>]: unknown }>(row: R): FieldsOf<R, K>;
}

/** The column of a field name: an upper-case letter starts a word. */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Names a table's plain fields (camelCase, as the record has them) once, for both directions. */
export function columns<const K extends string>(fields: readonly K[]): Columns<K> {
  const pairs = fields.map((field) => [field, columnOf(field)] as const);
  return {
    toRow(record) {
      const row: Record<string, unknown> = {};
      const values = record as Record<string, unknown>;
      for (const [field, column] of pairs) row[column] = values[field] ?? null;
      return row as never;
    },
    fromRow(row) {
      const record: Record<string, unknown> = {};
      const values = row as Record<string, unknown>;
      for (const [field, column] of pairs) {
        const value = values[column];
        if (value !== null && value !== undefined) record[field] = value;
      }
      return record as never;
    },
  };
}
