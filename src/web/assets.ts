/**
 * The client build (Vite's output in `dist/client/`) as the server sees it: which hashed script
 * a page loads, and the files it may serve. Without a build the pages still work fully, only
 * without their islands, so a missing or unreadable build is not an error.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { projectRoot } from '../platform/paths.js';

/** Where `npm run build` writes the client (see vite.config.ts). */
export const CLIENT_BUILD_DIR = join(projectRoot, 'dist', 'client');

/** The client entry's name in Vite's manifest (relative to the client root). */
export const CLIENT_ENTRY = 'main.ts';

/** One file of the build, held in memory (the whole build is a few hundred kilobytes). */
export interface AssetFile {
  body: Buffer;
  type: string;
  cacheControl: string;
}

/** What pages and routes need of the build. */
export interface ClientAssets {
  /** The entry script's URL, e.g. `/assets/main-1a2b3c.js`. */
  script: string;
  /** Style sheets the entry needs before it runs (none today; kept for a future island). */
  styles: string[];
  /** Chunks the entry imports statically: preloaded so they do not cost a round trip each. */
  preload: string[];
  /** Every servable file by URL path (`/assets/...`, `/sw.js`, `/manifest.webmanifest`, ...). */
  files: Map<string, AssetFile>;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

/** Hashed names never change content, so a year; everything else is revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const ICONS = 'public, max-age=86400';

/**
 * Reads the build in `dir`; undefined (after telling `warn` why, when something was there) when
 * there is no usable build.
 */
export function loadClientAssets(
  dir: string = CLIENT_BUILD_DIR,
  warn: (message: string) => void = () => {},
): ClientAssets | undefined {
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      warn(`the client build in ${dir} is unreadable, pages are served without script`);
    return undefined;
  }
  const entry = manifest[CLIENT_ENTRY];
  if (entry === undefined) {
    warn(`the client build in ${dir} has no ${CLIENT_ENTRY} entry`);
    return undefined;
  }
  const files = new Map<string, AssetFile>();
  for (const path of listFiles(dir)) {
    const name = relative(dir, path).split(sep).join('/');
    const type = types[extname(name)];
    if (type === undefined || name.startsWith('.vite/')) continue;
    const cacheControl = name.startsWith('assets/')
      ? IMMUTABLE
      : name.startsWith('icons/')
        ? ICONS
        : REVALIDATE;
    files.set(`/${name}`, { body: readFileSync(path), type, cacheControl });
  }
  const imports = (entry.imports ?? [])
    .map((key) => manifest[key]?.file)
    .filter((file): file is string => file !== undefined);
  return {
    script: `/${entry.file}`,
    styles: (entry.css ?? []).map((file) => `/${file}`),
    preload: imports.map((file) => `/${file}`),
    files,
  };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}
