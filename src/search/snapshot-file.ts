/**
 * The search index snapshot file (decision 0092): a built index written beside the database
 * for one store revision, so that a restart loads it in a second or two instead of reading and
 * indexing every meeting again.
 *
 * Layout: the magic `PLINDEX\n`, the header length (uint32, little-endian), the header (JSON),
 * then the body, 8-byte aligned: the structure (`v8.serialize` of what `snapshot-codec.ts`
 * made of the index, strings and maps) and each typed array raw, each at an offset the header
 * gives. The typed arrays are read back as views of the file's one buffer, without a copy.
 *
 * The header says what the snapshot is of (the database's identity and the store revision),
 * the format and V8 versions that wrote it, and a SHA-256 over the header's other fields and
 * the body: a file that is missing, of another database or revision, of another format, cut
 * short or damaged is refused with its reason, and the caller builds instead.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import type { Steps } from '../platform/loop-yield.js';
import { ARRAY_KINDS, decodeIndex, encodeIndex } from './snapshot-codec.js';
import type { SearchIndex } from './search-index.js';
import type { NumberArray } from './typed-arrays.js';

const MAGIC = Buffer.from('PLINDEX\n', 'latin1');
/** Bumped whenever the index's fields or their meaning change: older files are then rebuilt. */
export const SNAPSHOT_FORMAT = 2;

/** What a snapshot is of: the two must match for it to be used. */
export interface SnapshotKey {
  /** Which database (see `snapshot-location.ts`). */
  identity: string;
  /** The store revision the index shows exactly. */
  revision: number;
}

interface Header extends SnapshotKey {
  format: number;
  v8: string;
  meetings: number;
  /** [offset, bytes] of the structure in the body. */
  structure: [number, number];
  /** [kind, offset, elements] of each typed array in the body. */
  arrays: [number, number, number][];
  sha256: string;
}

/** Why a snapshot was not used. */
export type SnapshotMiss = 'missing' | 'other-database' | 'stale' | 'format' | 'corrupt';

/** A usable snapshot: the index, and the store revision it shows (the key's, or an older one). */
export type SnapshotRead =
  { index: SearchIndex; revision: number } | { miss: SnapshotMiss; detail?: string };

/**
 * Asked about a snapshot of an older revision than the key's: true when the caller can bring an
 * index of that revision (and that many meetings) forward (decision 0128); else it is stale.
 */
export type BringForward = (revision: number, meetings: number) => Promise<boolean>;

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * Writes the snapshot of `index` at `key` to `file` (through a temporary file renamed into
 * place, owner-only), in steps between which the caller may let other work run, so long as it
 * does not change the index: `unchanged()` is asked before the file is put in place, and a
 * false answer drops it. Resolves to true when the file was written.
 */
export function* snapshotWriteSteps(
  index: SearchIndex,
  key: SnapshotKey,
): Steps<{ header: Buffer; parts: Uint8Array[] }> {
  const { structure, arrays } = encodeIndex(index);
  yield;
  const structureBytes = serialize(structure);
  yield;
  let at = align8(structureBytes.length);
  const layout: [number, number, number][] = [];
  for (const array of arrays) {
    const kind = ARRAY_KINDS.findIndex((k) => array instanceof k);
    if (kind < 0) throw new Error(`the index snapshot cannot write a ${array.constructor.name}`);
    layout.push([kind, at, array.length]);
    at = align8(at + array.byteLength);
  }
  const meta = {
    format: SNAPSHOT_FORMAT,
    v8: process.versions.v8,
    identity: key.identity,
    revision: key.revision,
    meetings: index.size,
    structure: [0, structureBytes.length] as [number, number],
    arrays: layout,
  };
  const hash = createHash('sha256').update(JSON.stringify(meta));
  const parts: Uint8Array[] = [];
  const zeros = new Uint8Array(8);
  let written = 0;
  const add = (bytes: Uint8Array) => {
    parts.push(bytes);
    hash.update(bytes);
    written += bytes.length;
    const pad = align8(written) - written;
    if (pad > 0) {
      parts.push(zeros.subarray(0, pad));
      hash.update(zeros.subarray(0, pad));
      written += pad;
    }
  };
  add(structureBytes);
  for (const array of arrays) {
    add(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    yield;
  }
  const header: Header = { ...meta, sha256: hash.digest('hex') };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(align8(MAGIC.length + 4 + json.length));
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(json.length, MAGIC.length);
  json.copy(prefix, MAGIC.length + 4);
  return { header: prefix, parts };
}

/**
 * Writes what {@link snapshotWriteSteps} prepared to `file`: a temporary file, then a rename,
 * unless `unchanged()` says the index moved on while it was written (the parts are views of the
 * live index, so the file would mix two states).
 */
export async function writeSnapshotFile(
  file: string,
  prepared: { header: Buffer; parts: Uint8Array[] },
  unchanged: () => boolean,
): Promise<boolean> {
  // Unique: two servers of one process (tests) may save the same store at once.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writev([prepared.header, ...prepared.parts]);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (!unchanged()) {
    await rm(temporary, { force: true });
    return false;
  }
  await rename(temporary, file);
  return true;
}

/**
 * Reads the snapshot in `file` when it is of `key`, or of an older revision that `behind`
 * accepts (asked before the body is checked); otherwise says why not.
 */
export async function readSnapshotFile(
  file: string,
  key: SnapshotKey,
  behind?: BringForward,
): Promise<SnapshotRead> {
  let bytes: Buffer;
  try {
    bytes = await readWhole(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { miss: 'missing' };
    throw error;
  }
  const header = parseHeader(bytes);
  if (header === undefined) return { miss: 'corrupt', detail: 'no readable header' };
  if (header.format !== SNAPSHOT_FORMAT || header.v8 !== process.versions.v8)
    return { miss: 'format', detail: `format ${header.format}, V8 ${header.v8}` };
  if (header.identity !== key.identity) return { miss: 'other-database' };
  if (
    header.revision !== key.revision &&
    !(header.revision < key.revision && (await behind?.(header.revision, header.meetings)) === true)
  )
    return { miss: 'stale', detail: `revision ${header.revision}, store at ${key.revision}` };
  const bodyStart = align8(MAGIC.length + 4 + bytes.readUInt32LE(MAGIC.length));
  const body = bytes.subarray(bodyStart);
  const { sha256, ...meta } = header;
  const digest = createHash('sha256').update(JSON.stringify(meta)).update(body).digest('hex');
  if (digest !== sha256) return { miss: 'corrupt', detail: 'checksum mismatch' };
  try {
    const [structureAt, structureLength] = header.structure;
    const structure: unknown = deserialize(
      body.subarray(structureAt, structureAt + structureLength),
    );
    const arrays = header.arrays.map(([kind, at, length]) => arrayView(body, kind, at, length));
    return { index: decodeIndex(structure, arrays), revision: header.revision };
  } catch (error) {
    return { miss: 'corrupt', detail: (error as Error).message };
  }
}

/**
 * The file in one buffer of its own (so the typed arrays can be views of it), read in large
 * pieces: `readFile` reads half a megabyte a turn.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafeSlow(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, Math.min(size - at, 16 << 20), at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

function parseHeader(bytes: Buffer): Header | undefined {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    return undefined;
  const length = bytes.readUInt32LE(MAGIC.length);
  if (MAGIC.length + 4 + length > bytes.length) return undefined;
  try {
    const header = JSON.parse(
      bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + length),
    ) as Header;
    return typeof header === 'object' && header !== null ? header : undefined;
  } catch {
    return undefined;
  }
}

/** A typed array over `body` (a view when aligned, which the layout ensures; else a copy). */
function arrayView(body: Buffer, kind: number, at: number, length: number): NumberArray {
  const Kind = ARRAY_KINDS[kind];
  if (Kind === undefined) throw new Error(`unknown array kind ${kind}`);
  const byteLength = length * Kind.BYTES_PER_ELEMENT;
  if (at < 0 || at + byteLength > body.length) throw new Error('an array lies past the end');
  const offset = body.byteOffset + at;
  if (offset % Kind.BYTES_PER_ELEMENT === 0)
    return new Kind(body.buffer as ArrayBuffer, offset, length);
  const copy = new Uint8Array(byteLength);
  copy.set(body.subarray(at, at + byteLength));
  return new Kind(copy.buffer, 0, length);
}
