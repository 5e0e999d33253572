/**
 * Meetings kept here rather than imported live in a "local" source: one per service body (so the
 * body's editors are their editors), or one for the whole site. A local source has no file or
 * URL, so nothing refreshes it and edits to its meetings need no overrides.
 */
import { randomUUID } from 'node:crypto';
import { slugify } from '../../meetings/slug.js';
import { PorchlightError } from '../../platform/errors.js';
import type { Repositories } from '../../repositories.js';
import type { Source } from '../../sources/model.js';

/** The local source of a service body (or of the whole site), made on first use. */
export async function localSourceFor(
  repos: Repositories,
  serviceBodyId: string | undefined,
  at: string,
): Promise<Source> {
  const sources = await repos.sources.list();
  if (serviceBodyId === undefined) {
    const site = sources.find((s) => s.name === 'local' && s.location === undefined);
    return site ?? (await create(repos, 'local', at));
  }
  const body = await repos.serviceBodies.byId(serviceBodyId);
  if (body === undefined)
    throw new PorchlightError('PL_SERVICE_BODY_NOT_FOUND', undefined, { field: 'serviceBodyId' });
  const own = new Set(await repos.serviceBodies.sourcesOf(serviceBodyId));
  const found = sources.find((s) => own.has(s.id) && s.location === undefined);
  if (found !== undefined) return found;
  const names = new Set(sources.map((s) => s.name));
  const stem = `local-${slugify(body.name, 40) || 'body'}`.replace(/-+$/, '');
  const name = names.has(stem) ? `${stem}-${serviceBodyId.slice(0, 8).toLowerCase()}` : stem;
  const source = await create(repos, name.replace(/[^a-z0-9-]/g, '').slice(0, 63), at);
  await repos.serviceBodies.assignSource(source.id, serviceBodyId);
  return source;
}

async function create(repos: Repositories, name: string, at: string): Promise<Source> {
  // The program only says how a feed's type codes are read; local meetings carry their own.
  const source: Source = {
    id: randomUUID(),
    name,
    format: 'meeting-guide',
    program: 'aa',
    createdAt: at,
  };
  await repos.sources.create(source);
  return source;
}
