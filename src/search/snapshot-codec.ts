/**
 * Turns a built search index into a structure that `v8.serialize` can write, with its typed
 * arrays set apart (written raw and read back as views of the file, without a copy), and back.
 *
 * The index is a graph of a few classes (its pools, intern tables, word index, ...): each is
 * written as its data fields and read back by making an empty instance of the class and putting
 * the fields on it, so methods, arrow-function fields and closures (the group hasher) are the
 * fresh instance's own. A class not listed here cannot be written: encoding throws, and a test
 * encodes a full index, so a new part of the index cannot be forgotten silently.
 */
import KDBush from 'kdbush';
import { FacetSignatures } from './facet-signatures.js';
import { GeoColumns } from './geo-columns.js';
import { MeetingIds } from './meeting-ids.js';
import { ScheduleColumns } from './schedule-columns.js';
import { SearchIndex } from './search-index.js';
import { Timeline } from './timeline.js';
import {
  Int32Pool,
  Interned,
  Uint16Pool,
  Uint32Pool,
  Uint8Pool,
  type NumberArray,
} from './typed-arrays.js';
import { WordIndex } from './word-index.js';

/** Classes of the index graph, by the name written for them, each with an empty instance. */
const CLASSES: Record<string, { type: object; blank: () => object }> = {
  SearchIndex: { type: SearchIndex.prototype, blank: () => SearchIndex.blank() },
  ScheduleColumns: { type: ScheduleColumns.prototype, blank: () => new ScheduleColumns(2, 0) },
  WordIndex: { type: WordIndex.prototype, blank: () => new WordIndex() },
  MeetingIds: { type: MeetingIds.prototype, blank: () => new MeetingIds() },
  GeoColumns: { type: GeoColumns.prototype, blank: () => new GeoColumns() },
  Timeline: { type: Timeline.prototype, blank: () => new Timeline() },
  FacetSignatures: { type: FacetSignatures.prototype, blank: () => new FacetSignatures() },
  Interned: { type: Interned.prototype, blank: () => new Interned() },
  Uint8Pool: { type: Uint8Pool.prototype as object, blank: () => new Uint8Pool() },
  Uint16Pool: { type: Uint16Pool.prototype as object, blank: () => new Uint16Pool() },
  Int32Pool: { type: Int32Pool.prototype as object, blank: () => new Int32Pool() },
  Uint32Pool: { type: Uint32Pool.prototype as object, blank: () => new Uint32Pool() },
};

const CLASS_OF_PROTOTYPE = new Map<object, string>(
  Object.entries(CLASSES).map(([name, { type }]) => [type, name]),
);

/** Typed array kinds by the code written for them. */
export const ARRAY_KINDS = [
  Uint8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
] as const;

/** A typed array set apart, in the structure. */
interface ArrayRef {
  $a: number;
}
/** An instance of a listed class, in the structure. */
interface ObjectRef {
  $c: string;
  f: Record<string, unknown>;
}
/** kdbush, in the structure: its one buffer (as a typed array set apart). */
interface KdRef {
  $k: ArrayRef;
}

/** An index taken apart: the structure for `v8.serialize` and the typed arrays it refers to. */
export interface EncodedIndex {
  structure: unknown;
  arrays: NumberArray[];
}

/** Takes `index` apart; it must not change until the parts are written. */
export function encodeIndex(index: SearchIndex): EncodedIndex {
  const arrays: NumberArray[] = [];
  const seen = new Map<object, unknown>();
  const encode = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    let out: unknown;
    if (ArrayBuffer.isView(value)) {
      out = { $a: arrays.push(value as NumberArray) - 1 } satisfies ArrayRef;
      seen.set(value, out);
    } else if (Array.isArray(value) || value instanceof Map) {
      out = copyContainer(value, seen, encode);
    } else if (value instanceof KDBush) {
      out = { $k: encode(new Uint8Array(value.data)) };
      seen.set(value, out);
    } else {
      const prototype = Object.getPrototypeOf(value) as object | null;
      const name = CLASS_OF_PROTOTYPE.get(prototype ?? {});
      if (name === undefined && prototype !== Object.prototype) {
        throw new Error(`the index snapshot cannot write a ${value.constructor.name}`);
      }
      const fields: Record<string, unknown> = {};
      out = name === undefined ? fields : ({ $c: name, f: fields } satisfies ObjectRef);
      seen.set(value, out);
      for (const [key, field] of Object.entries(value)) {
        if (typeof field !== 'function') fields[key] = encode(field);
      }
    }
    return out;
  };
  return { structure: encode(index), arrays };
}

/** Puts an index back together from what {@link encodeIndex} made of it. */
export function decodeIndex(structure: unknown, arrays: readonly NumberArray[]): SearchIndex {
  const seen = new Map<object, unknown>();
  const decode = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    let out: unknown;
    if (Array.isArray(value) || value instanceof Map) {
      out = copyContainer(value, seen, decode);
    } else if ('$a' in value) {
      out = arrayAt(arrays, (value as ArrayRef).$a);
    } else if ('$k' in value) {
      // kdbush reads its header from the start of its own buffer: give it one.
      const bytes = decode((value as KdRef).$k) as Uint8Array;
      out = KDBush.from(bytes.slice().buffer);
    } else if ('$c' in value) {
      const { $c: name, f } = value as ObjectRef;
      const type = CLASSES[name];
      if (type === undefined) throw new Error(`unknown class ${name} in the index snapshot`);
      const instance = type.blank();
      seen.set(value, instance);
      for (const [key, field] of Object.entries(f)) {
        (instance as Record<string, unknown>)[key] = decode(field);
      }
      out = instance;
    } else {
      const fields: Record<string, unknown> = {};
      seen.set(value, fields);
      for (const [key, field] of Object.entries(value)) fields[key] = decode(field);
      out = fields;
    }
    seen.set(value, out);
    return out;
  };
  const index = decode(structure);
  if (!(index instanceof SearchIndex)) throw new Error('the index snapshot holds no index');
  return index;
}

/**
 * An array or map with `each` applied to its values (keys are numbers or strings), recorded in
 * `seen` first so that a cycle or a shared container comes out once. An array of primitives
 * (names, slugs, word texts: hundreds of thousands of strings) is kept as it is.
 */
function copyContainer(
  value: unknown[] | Map<unknown, unknown>,
  seen: Map<object, unknown>,
  each: (value: unknown) => unknown,
): unknown {
  if (Array.isArray(value)) {
    if (allPrimitive(value)) return value;
    const list: unknown[] = [];
    seen.set(value, list);
    for (const item of value) list.push(each(item));
    return list;
  }
  const map = new Map<unknown, unknown>();
  seen.set(value, map);
  for (const [k, v] of value) map.set(k, each(v));
  return map;
}

function allPrimitive(values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== null && typeof value === 'object') return false;
  }
  return true;
}

function arrayAt(arrays: readonly NumberArray[], at: number): NumberArray {
  const array = arrays[at];
  if (array === undefined) throw new Error(`the index snapshot lacks array ${at}`);
  return array;
}
