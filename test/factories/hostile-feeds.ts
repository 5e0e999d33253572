/**
 * Hostile feeds in every format the importers read: a valid seed (a Meeting Guide feed, a 12 Step
 * Meeting List sheet, a saved BMLT answer, HSDS JSON, an HSDS tabular package, a resources sheet)
 * damaged by a few seeded mutations of its structure and then of its text. Each feed is rebuilt
 * exactly from its seed, so a failure found among a hundred thousand is replayed alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { createRandom, type Random } from '../../src/demo/random.js';
import { bmltFormats, generateBmltMeetings } from './bmlt.js';
import { mgOnlineRow, mgRow } from './meeting-guide.js';

/** The feed formats the importers read, meetings first, then resources. */
export const fuzzFormats = [
  'meeting-guide',
  'csv',
  'bmlt',
  'hsds',
  'hsds-csv',
  'resources-csv',
] as const;
export type FuzzFormat = (typeof fuzzFormats)[number];

/** A damaged feed: its files (paths relative to a folder of its own) and the one to import. */
export interface HostileFeed {
  format: FuzzFormat;
  seed: number;
  files: { path: string; content: string | Uint8Array }[];
  /** The path the import reads (a file, or a package's `datapackage.json`). */
  entry: string;
  /** What was done to the seed, for a report. */
  mutations: string[];
}

const fixtures = join(import.meta.dirname, '../fixtures');

/** Values no field expects: wrong types, extremes, markup, control and bidirectional characters. */
const hostileValues: readonly unknown[] = deepFreeze([
  null,
  true,
  false,
  0,
  -1,
  -0,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e\u0644\u0627',
  '\ufeff',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '99:99',
  '24:00',
  '25:61',
  '12:00 XM',
  '0x10',
  '-7',
  '8',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("https://evil.example")',
  '+1 (413) 555-0100,,,#',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '../../../../etc/passwd',
  'file:///etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  'https://[::ffff:7f00:1]/',
  'Mars/Olympus_Mons',
  'America/New_York',
  'Ω≈ç√∫˜µ≤≥÷ 田中さん 🏳️‍🌈',
  'a,b,"c"\n"d',
  '\r\n\r\n',
  [],
  {},
  [[[[]]]],
  ['O', null, 7, { code: 'C' }],
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
]);

/** Frozen through and through: a feed that changed a shared value in place would throw. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Literals a JSON text can hold but a JavaScript value built in memory cannot show. */
const hostileJsonLiterals = [
  '1e999',
  '-1e999',
  '1e-999',
  '123456789012345678901234567890',
  '-0.0',
  '0.1e1',
  '9007199254740993',
];

/**
 * One hostile value, now and then a long or a deeply nested one (built on demand: they are big).
 * A list or an object is a fresh copy: the mutations change containers in place, so a shared one
 * would carry one feed's damage into the next (a feed would no longer be rebuilt from its seed
 * alone) and, put inside itself, make a cycle that no JSON text can write.
 */
function hostileValue(random: Random): unknown {
  const roll = random.next();
  if (roll < 0.03) return 'x'.repeat(random.pick([300, 5_000, 70_000]));
  if (roll < 0.05) return deepToken(random.pick([50, 2_000, 100_000]), random.chance(0.5));
  if (roll < 0.07) return Array.from({ length: random.pick([100, 3_000]) }, (_, i) => `T${i}`);
  if (roll < 0.12) return randomText(random, random.int(1, 40));
  return freshCopy(random.pick(hostileValues));
}

/**
 * A deep copy of a small value that keeps what `structuredClone` would lose: an own `__proto__`
 * key stays an own key, and an object's prototype stays its prototype (the prototype itself is
 * never reached by the mutations, which see own keys only).
 */
function freshCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(freshCopy);
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<
    string,
    unknown
  >;
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(copy, key, {
      value: freshCopy(child),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/**
 * A value nested `depth` levels deep stands in the tree as a token and is written out only in
 * the text (`expandDeep`): JSON.parse reads 100,000 levels, but JSON.stringify and
 * structuredClone overflow the stack long before, in this generator as in an importer.
 */
function deepToken(depth: number, arrays: boolean): string {
  return `__deep_${arrays ? 'a' : 'o'}_${depth}__`;
}

function expandDeep(text: string): string {
  return text.replace(/"?__deep_([ao])_(\d+)__"?/g, (_, kind: string, depth: string) => {
    const n = Number(depth);
    return kind === 'a'
      ? `${'['.repeat(n)}"deep"${']'.repeat(n)}`
      : `${'{"a":'.repeat(n)}"deep"${'}'.repeat(n)}`;
  });
}

/** Any characters, control and surrogate halves included. */
function randomText(random: Random, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const range = random.pick([
      [0, 0x1f],
      [0x20, 0x7e],
      [0x80, 0x2ff],
      [0xd800, 0xdfff],
      [0x4e00, 0x4eff],
    ] as const);
    text += String.fromCharCode(random.int(range[0], range[1]));
  }
  return text;
}

type Container = Record<string, unknown> | unknown[];

/** Every container of a value with its keys, breadth first, at most `limit` of them. */
function containers(root: unknown, limit = 400): Container[] {
  const found: Container[] = [];
  const queue: unknown[] = [root];
  while (queue.length > 0 && found.length < limit) {
    const value = queue.shift();
    if (value === null || typeof value !== 'object') continue;
    found.push(value as Container);
    for (const child of Object.values(value)) queue.push(child);
  }
  return found;
}

/** Damages a parsed JSON value in place (a wrapper lets the root itself be replaced). */
function mutateTree(random: Random, root: unknown, count: number, log: string[]): unknown {
  const holder: Container = [root];
  for (let i = 0; i < count; i++) {
    const all = containers(holder);
    const target = random.pick(all);
    const keys = Object.keys(target);
    const key = keys.length > 0 ? random.pick(keys) : '0';
    const op = random.weighted(
      ['replace', 'delete', 'retype', 'duplicate', 'add', 'wrap'] as const,
      [8, 2, 3, 1, 2, 1],
    );
    const slot = target as Record<string, unknown>;
    switch (op) {
      case 'replace':
        slot[key] = hostileValue(random);
        break;
      case 'delete':
        if (Array.isArray(target)) target.splice(Number(key), 1);
        else delete slot[key];
        break;
      case 'retype':
        slot[key] = retype(random, slot[key]);
        break;
      case 'duplicate':
        // A copy, never the same container twice in one tree (see hostileValue).
        if (Array.isArray(target) && target.length > 0)
          target.splice(random.int(0, target.length), 0, freshCopy(target[Number(key)]));
        else slot[`${key}_copy`] = freshCopy(slot[key]);
        break;
      case 'add': {
        const name = random.pick([
          '__proto__',
          'constructor',
          'id',
          'slug',
          'x',
          randomText(random, 4),
        ]);
        if (Array.isArray(target)) target.push(hostileValue(random));
        else
          Object.defineProperty(target, name, {
            value: hostileValue(random),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        break;
      }
      case 'wrap':
        slot[key] = random.chance(0.5) ? [slot[key]] : { value: slot[key] };
        break;
    }
    log.push(`${op} ${key.slice(0, 20)}`);
  }
  return holder[0];
}

/** The same content as another type: a number as text, a string as a number, a list as one item. */
function retype(random: Random, value: unknown): unknown {
  if (typeof value === 'string') {
    const n = Number(value);
    return Number.isFinite(n) && value.trim() !== ''
      ? n
      : random.pick([[value], { value }, value.length]);
  }
  if (typeof value === 'number') return random.chance(0.5) ? String(value) : [value];
  if (Array.isArray(value)) return random.chance(0.5) ? value.join(',') : value[0];
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Damages a text: cut it, splice in junk, swap a number for an extreme literal, add a BOM. */
function mutateText(random: Random, text: string, json: boolean, log: string[]): string {
  text = expandDeep(text);
  const count = random.weighted([0, 1, 2], [6, 3, 1]);
  for (let i = 0; i < count; i++) {
    const at = random.int(0, text.length);
    const op = random.weighted(
      ['cut', 'insert', 'overwrite', 'literal', 'bom', 'nul', 'lines'] as const,
      [3, 2, 2, json ? 3 : 0, 1, 1, json ? 0 : 2],
    );
    switch (op) {
      case 'cut':
        text = text.slice(0, at);
        break;
      case 'insert':
        text = text.slice(0, at) + randomText(random, random.int(1, 8)) + text.slice(at);
        break;
      case 'overwrite':
        text = text.slice(0, at) + randomText(random, 1) + text.slice(at + 1);
        break;
      case 'literal': {
        const numbers = [...text.matchAll(/-?\d+(\.\d+)?/g)];
        if (numbers.length === 0) break;
        const match = random.pick(numbers);
        const index = match.index;
        text =
          text.slice(0, index) +
          random.pick(hostileJsonLiterals) +
          text.slice(index + match[0].length);
        break;
      }
      case 'bom':
        text = `\ufeff${text}`;
        break;
      case 'nul':
        text = text.slice(0, at) + '\u0000' + text.slice(at);
        break;
      case 'lines':
        text = text.replace(/\r?\n/g, random.pick(['\r', '\r\n', '\n\n', '\u2028']));
        break;
    }
    log.push(`text ${op}`);
  }
  return text;
}

/** Damages a sheet: cells, columns and rows, before it is written back as CSV text. */
function mutateSheet(random: Random, rows: string[][], count: number, log: string[]): string[][] {
  for (let i = 0; i < count; i++) {
    const r = random.int(0, rows.length - 1);
    const row = rows[r] ?? [];
    const c = random.int(0, Math.max(0, row.length - 1));
    const op = random.weighted(
      ['cell', 'drop-column', 'rename-header', 'ragged', 'duplicate-row', 'header-only'] as const,
      [8, 1, 2, 2, 1, 0.3],
    );
    switch (op) {
      case 'cell': {
        const value = hostileValue(random);
        row[c] = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
        break;
      }
      case 'drop-column':
        for (const each of rows) each.splice(c, 1);
        break;
      case 'rename-header':
        if (rows[0] !== undefined)
          rows[0][c] = random.pick(['', 'Name', 'Day', 'Time', '__proto__', randomText(random, 5)]);
        break;
      case 'ragged':
        if (random.chance(0.5)) row.splice(c);
        else row.push(...Array.from({ length: random.int(1, 5) }, () => randomText(random, 3)));
        break;
      case 'duplicate-row':
        rows.splice(r, 0, [...row]);
        break;
      case 'header-only':
        rows.splice(1);
        break;
    }
    log.push(`sheet ${op}`);
  }
  return rows;
}

function sheetText(rows: string[][], random: Random, log: string[]): string {
  return mutateText(random, stringify(rows), false, log);
}

function sheetRows(text: string): string[][] {
  const rows: unknown = parse(text, { bom: true, relax_column_count: true });
  return rows as string[][];
}

function readSheet(path: string): string[][] {
  return sheetRows(readFileSync(path, 'utf8'));
}

const seedSheets = {
  csv: readSheet(join(fixtures, 'csv/tsml-template.csv')),
  'resources-csv': readSheet(join(fixtures, 'resources/spreadsheet.csv')),
};
const seedHsds: unknown = JSON.parse(
  readFileSync(join(fixtures, 'resources/hsds-services.json'), 'utf8'),
);
const tabularFolder = join(fixtures, 'resources/tabular');
const seedPackage: Record<string, string> = Object.fromEntries(
  readdirSync(tabularFolder).map((name) => [name, readFileSync(join(tabularFolder, name), 'utf8')]),
);

/** How many structural mutations: usually few, so most of a feed stays readable. */
function mutationCount(random: Random): number {
  return random.weighted([0, 1, 2, 3, 6, 12], [1, 6, 4, 2, 1, 0.5]);
}

function meetingGuideSeed(random: Random): unknown {
  const count = random.int(0, 6);
  return Array.from({ length: count }, (_, i) =>
    (i % 3 === 2 ? mgOnlineRow : mgRow)({
      slug: `fuzz-${i}`,
      name: `Fuzz Group ${i}`,
      day: i % 7,
    }),
  );
}

function bmltSeed(random: Random): unknown {
  const meetings = generateBmltMeetings(random.int(0, 6), random.int(1, 1000));
  return random.chance(0.5) ? meetings : { meetings, formats: structuredClone(bmltFormats) };
}

function hsdsSeed(random: Random): unknown {
  const services = structuredClone(seedHsds) as unknown[];
  switch (random.int(0, 3)) {
    case 0:
      return services;
    case 1:
      return { contents: services, total_items: services.length, page_number: 1 };
    case 2:
      return { services, organizations: [], locations: [], service_at_locations: [] };
    default:
      return services[0];
  }
}

/** The damaged feed of a format made from a seed. */
export function hostileFeed(format: FuzzFormat, seed: number): HostileFeed {
  const random = createRandom(seed);
  const mutations: string[] = [];
  const feed = (entry: string, content: string | Uint8Array): HostileFeed => ({
    format,
    seed,
    files: [{ path: entry, content }],
    entry,
    mutations,
  });
  // Now and then no seed at all: random text, or an empty file.
  if (random.chance(0.03)) {
    const text = random.chance(0.3) ? '' : randomText(random, random.int(1, 200));
    mutations.push('random text');
    return format === 'hsds-csv'
      ? packageFeed(random, seed, { 'datapackage.json': text }, mutations)
      : feed(entryOf(format), text);
  }
  switch (format) {
    case 'meeting-guide':
    case 'bmlt':
    case 'hsds': {
      const seedValue =
        format === 'meeting-guide'
          ? meetingGuideSeed(random)
          : format === 'bmlt'
            ? bmltSeed(random)
            : hsdsSeed(random);
      const value = mutateTree(random, seedValue, mutationCount(random), mutations);
      const text = JSON.stringify(value) ?? 'undefined';
      return feed(entryOf(format), mutateText(random, text, true, mutations));
    }
    case 'csv':
    case 'resources-csv': {
      const rows = mutateSheet(
        random,
        structuredClone(seedSheets[format]),
        mutationCount(random),
        mutations,
      );
      return feed(entryOf(format), sheetText(rows, random, mutations));
    }
    case 'hsds-csv': {
      const files = { ...seedPackage };
      const names = Object.keys(files);
      // Each file is damaged once at most: a damaged one may no longer parse.
      for (const name of random.sample(names, random.int(1, 3))) {
        const text = files[name] ?? '';
        if (random.chance(0.1)) {
          delete files[name];
          mutations.push(`drop ${name}`);
        } else if (name.endsWith('.json')) {
          const value = mutateTree(random, JSON.parse(text), mutationCount(random), mutations);
          files[name] = mutateText(random, JSON.stringify(value) ?? '', true, mutations);
        } else {
          const rows = mutateSheet(random, sheetRows(text), mutationCount(random), mutations);
          files[name] = sheetText(rows, random, mutations);
        }
      }
      return packageFeed(random, seed, files, mutations);
    }
  }
}

function entryOf(format: FuzzFormat): string {
  return format === 'csv' || format === 'resources-csv' ? 'feed.csv' : 'feed.json';
}

/** A tabular package as a folder, or now and then zipped (with its bytes damaged as well). */
function packageFeed(
  random: Random,
  seed: number,
  files: Record<string, string>,
  mutations: string[],
): HostileFeed {
  if (random.chance(0.7)) {
    return {
      format: 'hsds-csv',
      seed,
      files: Object.entries(files).map(([path, content]) => ({ path: `package/${path}`, content })),
      entry: 'package/datapackage.json',
      mutations,
    };
  }
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
  for (let i = 0, n = random.weighted([0, 1, 4], [3, 2, 1]); i < n; i++) {
    zip[random.int(0, zip.length - 1)] = random.int(0, 255);
    mutations.push('zip byte');
  }
  const bytes = random.chance(0.1) ? zip.subarray(0, random.int(0, zip.length)) : zip;
  return {
    format: 'hsds-csv',
    seed,
    files: [{ path: 'package.zip', content: bytes }],
    entry: 'package.zip',
    mutations,
  };
}
