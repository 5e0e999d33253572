/**
 * Where the space keeps its records: one IndexedDB database in this browser, one object store
 * per kind. Nothing here talks to the server. Deleting everything deletes the database itself
 * and the saved meetings, so nothing is left behind to recover.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { FAVOURITES_KEY, REMOVALS_KEY } from '../favourites.js';
import type { Attendance, CheckIn, RecoveryDate, Settings } from './model.js';
import { CALENDAR_KEY } from './calendar.js';
import type { Worksheet } from './tools.js';
import type { SyncKeys } from './sync-crypto.js';
import type { Supporter } from './supporters.js';
import { DEFAULT_SETTINGS, updatedAtOf } from './model.js';

/** The database's name; a new shape of data gets a new version and an upgrade step. */
export const SPACE_DB = 'porchlight-space';

interface SpaceSchema extends DBSchema {
  dates: { key: string; value: RecoveryDate };
  attendance: { key: string; value: Attendance };
  checkIns: { key: string; value: CheckIn };
  worksheets: { key: string; value: Worksheet };
  supporters: { key: string; value: Supporter };
  sync: { key: string; value: SyncState & { key: 'sync' } };
  /** Ids of records deleted here, so a sync does not bring them back from another device. */
  tombstones: { key: string; value: { id: string } };
  settings: { key: string; value: Settings & { key: 'settings' } };
}

/** The kinds of record kept, each an object store keyed by `id`. */
export type Kind = 'dates' | 'attendance' | 'checkIns' | 'worksheets' | 'supporters';
type RecordOf<K extends Kind> = SpaceSchema[K]['value'];

/** This device's sync: its keys (the AES key cannot be exported) and when it last synced. */
export interface SyncState {
  keys: SyncKeys;
  /** This device's own id in the snapshot's list of devices (decision 0135). */
  device?: string;
  syncedAt?: string;
}

/** Everything the space keeps, as exported. */
export interface SpaceData {
  dates: RecoveryDate[];
  attendance: Attendance[];
  checkIns: CheckIn[];
  worksheets: Worksheet[];
  supporters: Supporter[];
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
  /**
   * A sync's merge: deletes the records deleted elsewhere, adds the
   * records this device does not have yet, replaces those changed later elsewhere (by
   * `updatedAt`), and takes newer settings.
   */
  takeIn(data: SpaceData, deleted: readonly string[]): Promise<void>;
  /** The ids of records deleted on this device that no sync has carried yet. */
  tombstones(): Promise<string[]>;
  /** Forgets deletions a sync carried: the server's copy keeps them from then on. */
  forgetTombstones(ids: readonly string[]): Promise<void>;
  /** This device's sync, if it syncs. */
  syncState(): Promise<SyncState | undefined>;
  saveSyncState(state: SyncState | undefined): Promise<void>;
  /** Deletes the database and the saved meetings; the store is unusable afterwards. */
  deleteEverything(): Promise<void>;
}

/** Opens (creating on first use) the space's database; rejects where storage is refused. */
export async function openSpaceStore(): Promise<SpaceStore> {
  const db: IDBPDatabase<SpaceSchema> = await openDB<SpaceSchema>(SPACE_DB, 5, {
    // Each version adds what it brought, so a browser several versions behind catches up.
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('dates', { keyPath: 'id' });
        database.createObjectStore('attendance', { keyPath: 'id' });
        database.createObjectStore('checkIns', { keyPath: 'id' });
        database.createObjectStore('settings', { keyPath: 'key' });
      }
      if (oldVersion < 2) database.createObjectStore('worksheets', { keyPath: 'id' });
      if (oldVersion < 3) database.createObjectStore('sync', { keyPath: 'key' });
      if (oldVersion < 4) database.createObjectStore('tombstones', { keyPath: 'id' });
      if (oldVersion < 5) database.createObjectStore('supporters', { keyPath: 'id' });
    },
  });
  const settings = async (): Promise<Settings> => {
    const kept = await db.get('settings', 'settings');
    if (kept === undefined) return { ...DEFAULT_SETTINGS };
    return {
      weeklyGoal: kept.weeklyGoal,
      ...(kept.help !== undefined ? { help: kept.help } : {}),
      ...(kept.savedAt !== undefined ? { savedAt: kept.savedAt } : {}),
    };
  };
  return {
    all: (kind) => db.getAll(kind),
    put: async (kind, record) => {
      await db.put(kind, record);
    },
    remove: async (kind, id) => {
      const tx = db.transaction([kind, 'tombstones'], 'readwrite');
      await tx.objectStore(kind).delete(id);
      await tx.objectStore('tombstones').put({ id });
      await tx.done;
    },
    tombstones: () => db.getAllKeys('tombstones'),
    forgetTombstones: async (ids) => {
      const tx = db.transaction('tombstones', 'readwrite');
      for (const id of ids) await tx.store.delete(id);
      await tx.done;
    },
    settings,
    saveSettings: async (value) => {
      await db.put('settings', { ...value, savedAt: new Date().toISOString(), key: 'settings' });
    },
    takeIn: async (data, deleted) => {
      const tx = db.transaction(
        ['dates', 'attendance', 'checkIns', 'worksheets', 'supporters', 'settings'],
        'readwrite',
      );
      // Deletions made elsewhere are not noted here: the server's copy carries them until every
      // device has seen them (decision 0135), and a note would carry them again after that.
      const gone = new Set(deleted);
      const add = async <K extends Kind>(kind: K, records: RecordOf<K>[]) => {
        const store = tx.objectStore(kind);
        for (const id of await store.getAllKeys()) if (gone.has(id)) await store.delete(id);
        for (const record of records) {
          if (gone.has(record.id)) continue;
          const kept = await store.get(record.id);
          if (kept === undefined || updatedAtOf(record) > updatedAtOf(kept))
            await store.put(record);
        }
      };
      await add('dates', data.dates);
      await add('attendance', data.attendance);
      await add('checkIns', data.checkIns);
      await add('worksheets', data.worksheets);
      await add('supporters', data.supporters);
      const kept = await tx.objectStore('settings').get('settings');
      if ((data.settings.savedAt ?? '') > (kept?.savedAt ?? ''))
        await tx.objectStore('settings').put({ ...data.settings, key: 'settings' });
      await tx.done;
    },
    syncState: async () => {
      const kept = await db.get('sync', 'sync');
      if (kept === undefined) return undefined;
      const { key: _key, ...state } = kept;
      return state;
    },
    saveSyncState: async (state) => {
      if (state === undefined) await db.delete('sync', 'sync');
      else await db.put('sync', { ...state, key: 'sync' });
    },
    everything: async () => ({
      dates: await db.getAll('dates'),
      attendance: await db.getAll('attendance'),
      checkIns: await db.getAll('checkIns'),
      worksheets: await db.getAll('worksheets'),
      supporters: await db.getAll('supporters'),
      settings: await settings(),
    }),
    deleteEverything: async () => {
      db.close();
      await deleteDB(SPACE_DB);
      localStorage.removeItem(FAVOURITES_KEY);
      localStorage.removeItem(REMOVALS_KEY);
      localStorage.removeItem(CALENDAR_KEY);
    },
  };
}
