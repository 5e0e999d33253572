/**
 * Syncing the space with its encrypted copy on the server (decision 0113): read the blob,
 * unseal it, add what this device lacks, seal the union and write it over the version read;
 * when another device wrote in between, do it again.
 */
import { readFavourites, saveFavourite, type Favourite } from '../favourites.js';
import { updatedAtOf } from './model.js';
import type { SpaceData, SpaceStore, SyncState } from './store.js';
import { seal, unseal, type SyncKeys } from './sync-crypto.js';

/** The one blob holding the whole space. */
const BLOB = 'snapshot';

/** What a snapshot holds: the store's records, the saved meetings, the ids deleted. */
export interface Snapshot extends SpaceData {
  savedMeetings: Favourite[];
  /** Records deleted on some device: kept out of every merge after. */
  deleted: string[];
}

/**
 * The union of two snapshots by record id, the later copy by `updatedAt` kept where both have
 * one (this device's on a tie), less every record either side deleted.
 */
export function mergeSnapshots(local: Snapshot, remote: Snapshot | undefined): Snapshot {
  if (remote === undefined) return local;
  const deleted = [...new Set([...local.deleted, ...(remote.deleted ?? [])])];
  const gone = new Set(deleted);
  const union = <T extends { id: string }>(mine: T[], theirs: T[]): T[] => {
    const other = new Map(theirs.map((r) => [r.id, r]));
    const later = (r: T): T => {
      const copy = other.get(r.id);
      return copy !== undefined && updatedAtOf(copy) > updatedAtOf(r) ? copy : r;
    };
    const ids = new Set(mine.map((r) => r.id));
    return [...mine.map(later), ...theirs.filter((r) => !ids.has(r.id))].filter(
      (r) => !gone.has(r.id),
    );
  };
  const slugs = new Set(local.savedMeetings.map((f) => f.slug));
  return {
    dates: union(local.dates, remote.dates ?? []),
    attendance: union(local.attendance, remote.attendance ?? []),
    checkIns: union(local.checkIns, remote.checkIns ?? []),
    worksheets: union(local.worksheets, remote.worksheets ?? []),
    supporters: union(local.supporters, remote.supporters ?? []),
    settings:
      (remote.settings?.savedAt ?? '') > (local.settings.savedAt ?? '')
        ? remote.settings
        : local.settings,
    savedMeetings: [
      ...local.savedMeetings,
      ...(remote.savedMeetings ?? []).filter((f) => !slugs.has(f.slug)),
    ],
    deleted,
  };
}

function blobUrl(keys: SyncKeys): string {
  return `/api/v1/space/${keys.account}/blobs/${BLOB}`;
}

function headers(keys: SyncKeys): HeadersInit {
  return { authorization: `Bearer ${keys.token}`, accept: 'application/json' };
}

async function readRemote(keys: SyncKeys): Promise<{ version: number; snapshot?: Snapshot }> {
  const response = await fetch(blobUrl(keys), { headers: headers(keys), cache: 'no-store' });
  if (response.status === 404) return { version: 0 };
  if (!response.ok) throw new Error(`sync read: ${response.status}`);
  const blob = (await response.json()) as { version: number; ciphertext: string };
  return {
    version: blob.version,
    snapshot: JSON.parse(await unseal(keys, blob.ciphertext)) as Snapshot,
  };
}

/** Syncs once; throws when offline or refused (the device's data is untouched then). */
export async function syncNow(store: SpaceStore, state: SyncState): Promise<SyncState> {
  const { keys } = state;
  for (let attempt = 0; attempt < 3; attempt++) {
    const remote = await readRemote(keys);
    const local: Snapshot = {
      ...(await store.everything()),
      savedMeetings: readFavourites(localStorage),
      deleted: await store.tombstones(),
    };
    const merged = mergeSnapshots(local, remote.snapshot);
    await store.takeIn(merged, merged.deleted);
    const saved = new Set(local.savedMeetings.map((f) => f.slug));
    for (const favourite of merged.savedMeetings)
      if (!saved.has(favourite.slug)) saveFavourite(localStorage, favourite);
    const response = await fetch(blobUrl(keys), {
      method: 'PUT',
      headers: { ...headers(keys), 'content-type': 'application/json' },
      body: JSON.stringify({
        expectedVersion: remote.version,
        ciphertext: await seal(keys, JSON.stringify(merged)),
      }),
    });
    if (response.status === 409) continue;
    if (!response.ok) throw new Error(`sync write: ${response.status}`);
    const next = { keys, syncedAt: new Date().toISOString() };
    await store.saveSyncState(next);
    return next;
  }
  throw new Error('sync: other devices kept writing');
}

/** Deletes the server's copy (the account and its blob). */
export async function deleteRemote(keys: SyncKeys): Promise<void> {
  const response = await fetch(`/api/v1/space/${keys.account}`, {
    method: 'DELETE',
    headers: headers(keys),
  });
  if (!response.ok && response.status !== 404) throw new Error(`sync delete: ${response.status}`);
}
