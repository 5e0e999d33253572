/**
 * Syncing the space with its encrypted copy on the server (decision 0113): read the blob,
 * unseal it, merge (decisions 0134, 0135), seal the result and write it over the version read;
 * when another device wrote in between, do it again.
 */
import {
  dropFavourites,
  forgetRemovals,
  readFavourites,
  readRemovals,
  saveFavourite,
  type Favourite,
  type Removal,
} from '../favourites.js';
import { updatedAtOf } from './model.js';
import type { SpaceData, SpaceStore, SyncState } from './store.js';
import { seal, unseal, type SyncKeys } from './sync-crypto.js';

/** The one blob holding the whole space. */
const BLOB = 'snapshot';

/** A saved meeting removed on some device: when (epoch ms), and the version that first carried it. */
export interface Unsaved extends Removal {
  version?: number;
}

/** What a snapshot holds: the store's records, the saved meetings, what was deleted. */
export interface Snapshot extends SpaceData {
  savedMeetings: Favourite[];
  /** Records deleted on some device: kept out of every merge until every device saw them. */
  deleted: string[];
  /** The snapshot version that first carried each deletion (absent from older snapshots). */
  deletedIn?: Record<string, number>;
  /** Saved meetings removed on some device, until every device saw it. */
  unsaved?: Unsaved[];
  /** Each syncing device's id and the version it last wrote. */
  devices?: Record<string, number>;
}

/** A merge: the snapshot to write, and every record id to delete on this device. */
export interface Merged {
  snapshot: Snapshot;
  gone: string[];
}

/**
 * The union of two snapshots by record id, the later copy by `updatedAt` kept where both have
 * one (this device's on a tie), less every record either side deleted; saved meetings by slug,
 * less those removed after they were saved. `writing` is the version this merge will be
 * written as, by `device`. A deletion is carried until every device listed has written a
 * version at or after the one that first carried it: each of them has merged it by then.
 */
export function mergeSnapshots(
  local: Snapshot,
  remote: Snapshot | undefined,
  { device, writing, leaving = false }: { device: string; writing: number; leaving?: boolean },
): Merged {
  const devices = { ...(remote?.devices ?? {}), [device]: writing };
  // A device that stops syncing holds nothing back any more.
  if (leaving) delete devices[device];
  // A snapshot written before devices were listed may have readers nobody knows of: keep all.
  const listed = remote === undefined || remote.devices !== undefined;
  const seenByAll = (version: number) =>
    listed && Object.values(devices).every((v) => v >= version);
  // Older snapshots say nothing of when a deletion arrived: count it as arriving now.
  const deletedIn: Record<string, number> = {};
  for (const id of [...(remote?.deleted ?? []), ...local.deleted])
    deletedIn[id] = remote?.deletedIn?.[id] ?? deletedIn[id] ?? writing;
  const gone = new Set(Object.keys(deletedIn));
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
  // A meeting saved again after its removal stays saved: the later of the two wins.
  const removed = new Map<string, Unsaved>();
  for (const r of [...(remote?.unsaved ?? []), ...(local.unsaved ?? [])]) {
    const kept = removed.get(r.slug);
    if (kept === undefined || r.at > kept.at)
      removed.set(r.slug, { slug: r.slug, at: r.at, version: r.version ?? writing });
  }
  const saved = new Map<string, Favourite>();
  for (const f of [...local.savedMeetings, ...(remote?.savedMeetings ?? [])]) {
    const kept = saved.get(f.slug);
    const removal = removed.get(f.slug);
    if (removal !== undefined && removal.at >= f.savedAt) continue;
    if (kept === undefined || f.savedAt > kept.savedAt) saved.set(f.slug, f);
  }
  const carried = Object.entries(deletedIn).filter(([, version]) => !seenByAll(version));
  const theirs = remote ?? ({} as Partial<Snapshot>);
  return {
    snapshot: {
      dates: union(local.dates, theirs.dates ?? []),
      attendance: union(local.attendance, theirs.attendance ?? []),
      checkIns: union(local.checkIns, theirs.checkIns ?? []),
      worksheets: union(local.worksheets, theirs.worksheets ?? []),
      supporters: union(local.supporters, theirs.supporters ?? []),
      settings:
        (theirs.settings?.savedAt ?? '') > (local.settings.savedAt ?? '')
          ? theirs.settings!
          : local.settings,
      savedMeetings: [...saved.values()],
      deleted: carried.map(([id]) => id),
      deletedIn: Object.fromEntries(carried),
      unsaved: [...removed.values()].filter((r) => !seenByAll(r.version ?? writing)),
      devices,
    },
    gone: [...gone],
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
export async function syncNow(
  store: SpaceStore,
  state: SyncState,
  { leaving = false }: { leaving?: boolean } = {},
): Promise<SyncState> {
  const { keys } = state;
  const device = state.device ?? crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    const remote = await readRemote(keys);
    const removals = readRemovals(localStorage);
    const local: Snapshot = {
      ...(await store.everything()),
      savedMeetings: readFavourites(localStorage),
      deleted: await store.tombstones(),
      unsaved: removals,
    };
    const { snapshot, gone } = mergeSnapshots(local, remote.snapshot, {
      device,
      writing: remote.version + 1,
      leaving,
    });
    await store.takeIn(snapshot, gone);
    const mine = new Map(local.savedMeetings.map((f) => [f.slug, f]));
    const kept = new Set(snapshot.savedMeetings.map((f) => f.slug));
    dropFavourites(
      localStorage,
      local.savedMeetings.filter((f) => !kept.has(f.slug)).map((f) => f.slug),
    );
    for (const favourite of snapshot.savedMeetings)
      if (mine.get(favourite.slug) !== favourite) saveFavourite(localStorage, favourite);
    const response = await fetch(blobUrl(keys), {
      method: 'PUT',
      headers: { ...headers(keys), 'content-type': 'application/json' },
      body: JSON.stringify({
        expectedVersion: remote.version,
        ciphertext: await seal(keys, JSON.stringify(snapshot)),
      }),
    });
    if (response.status === 409) continue;
    if (!response.ok) throw new Error(`sync write: ${response.status}`);
    // The server's copy carries these now, until every device has seen them.
    await store.forgetTombstones(local.deleted);
    forgetRemovals(localStorage, removals);
    const next = { keys, device, syncedAt: new Date().toISOString() };
    await store.saveSyncState(next);
    return next;
  }
  throw new Error('sync: other devices kept writing');
}

/**
 * Stops syncing on this device: a last sync, where it can, takes it off the snapshot's list of
 * devices (so deletions need not wait for it), then its keys are forgotten.
 */
export async function leave(store: SpaceStore, state: SyncState): Promise<void> {
  if (navigator.onLine) await syncNow(store, state, { leaving: true }).catch(() => undefined);
  await store.saveSyncState(undefined);
}

/** Deletes the server's copy (the account and its blob). */
export async function deleteRemote(keys: SyncKeys): Promise<void> {
  const response = await fetch(`/api/v1/space/${keys.account}`, {
    method: 'DELETE',
    headers: headers(keys),
  });
  if (!response.ok && response.status !== 404) throw new Error(`sync delete: ${response.status}`);
}
