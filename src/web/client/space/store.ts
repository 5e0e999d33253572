/**
 * Where the space keeps its records: one IndexedDB database in this browser, one object store
 * per kind. Nothing here talks to the server. Deleting everything deletes the database itself
 * and the saved meetings, so nothing is left behind to recover.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { FAVOURITES_KEY } from '../favourites.js';
import type { Attendance, CheckIn, RecoveryDate, Settings } from './model.js';
import type { Worksheet } from './tools.js';
import { DEFAULT_SETTINGS } from './model.js';

/** The database's name; a new shape of data gets a new version and an upgrade step. */
export const SPACE_DB = 'porchlight-space';

interface SpaceSchema extends DBSchema {
  dates: { key: string; value: RecoveryDate };
  attendance: { key: string; value: Attendance };
  checkIns: { key: string; value: CheckIn };
  worksheets: { key: string; value: Worksheet };
  settings: { key: string; value: Settings & { key: 'settings' } };
}

/** The kinds of record kept, each an object store keyed by `id`. */
export type Kind = 'dates' | 'attendance' | 'checkIns' | 'worksheets';
type RecordOf<K extends Kind> = SpaceSchema[K]['value'];

/** Everything the space keeps, as exported. */
export interface SpaceData {
  dates: RecoveryDate[];
  attendance: Attendance[];
  checkIns: CheckIn[];
  worksheets: Worksheet[];
  settings: Settings;
}

/** The opened store. */
export interface SpaceStore {
  all<K extends Kind>(kind: K): Promise<RecordOf<K>[]>;
  put<K extends Kind>(kind: K, record: RecordOf<K>): Promise<void>;
  remove(kind: Kind, id: string): Promise<void>;
  settings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  /** Every record, for the export. */
  everything(): Promise<SpaceData>;
  /** Deletes the database and the saved meetings; the store is unusable afterwards. */
  deleteEverything(): Promise<void>;
}

/** Opens (creating on first use) the space's database; rejects where storage is refused. */
export async function openSpaceStore(): Promise<SpaceStore> {
  const db: IDBPDatabase<SpaceSchema> = await openDB<SpaceSchema>(SPACE_DB, 2, {
    // Each version adds what it brought, so a browser several versions behind catches up.
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('dates', { keyPath: 'id' });
        database.createObjectStore('attendance', { keyPath: 'id' });
        database.createObjectStore('checkIns', { keyPath: 'id' });
        database.createObjectStore('settings', { keyPath: 'key' });
      }
      if (oldVersion < 2) database.createObjectStore('worksheets', { keyPath: 'id' });
    },
  });
  const settings = async (): Promise<Settings> => {
    const kept = await db.get('settings', 'settings');
    return kept === undefined ? { ...DEFAULT_SETTINGS } : { weeklyGoal: kept.weeklyGoal };
  };
  return {
    all: (kind) => db.getAll(kind),
    put: async (kind, record) => {
      await db.put(kind, record);
    },
    remove: (kind, id) => db.delete(kind, id),
    settings,
    saveSettings: async (value) => {
      await db.put('settings', { ...value, key: 'settings' });
    },
    everything: async () => ({
      dates: await db.getAll('dates'),
      attendance: await db.getAll('attendance'),
      checkIns: await db.getAll('checkIns'),
      worksheets: await db.getAll('worksheets'),
      settings: await settings(),
    }),
    deleteEverything: async () => {
      db.close();
      await deleteDB(SPACE_DB);
      localStorage.removeItem(FAVOURITES_KEY);
    },
  };
}
