import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { GeocodedPoint } from './address-geocoder.js';

/** One kept answer: the point, or null when the geocoder found nothing. */
export interface CachedGeocode {
  result: GeocodedPoint | null;
  createdAt: string;
}

const batch = 400;

/** The only code that speaks SQL about kept geocoder answers. */
export class GeocodeCacheRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The kept answers of these keys (absent keys were never asked or were forgotten). */
  async get(keys: readonly string[]): Promise<Map<string, CachedGeocode>> {
    const found = new Map<string, CachedGeocode>();
    for (let i = 0; i < keys.length; i += batch) {
      const rows = await this.db
        .selectFrom('geocode_cache')
        .selectAll()
        .where('query_key', 'in', keys.slice(i, i + batch))
        .execute();
      for (const row of rows) {
        found.set(row.query_key, {
          result: row.result === null ? null : (JSON.parse(row.result) as GeocodedPoint),
          createdAt: row.created_at,
        });
      }
    }
    return found;
  }

  /** Keeps an answer, replacing an older one of the same key. */
  async put(key: string, answer: CachedGeocode): Promise<void> {
    const values = {
      query_key: key,
      result: answer.result === null ? null : JSON.stringify(answer.result),
      created_at: answer.createdAt,
    };
    await this.db
      .insertInto('geocode_cache')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('query_key')
          .doUpdateSet({ result: values.result, created_at: values.created_at }),
      )
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('geocode_cache')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
