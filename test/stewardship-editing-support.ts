/**
 * What the editing HTTP tests share: a visitor that keeps cookies like a browser, signing in
 * through a real one-time link, and an app with a source of meetings under a service body.
 */
import { expect } from 'vitest';
import type { App } from '../src/app.js';
import { importSource } from '../src/sources/import-source.js';
import { issueSignInLink } from '../src/accounts/sign-in-links.js';
import { operatorActor } from '../src/accounts/operator.js';
import { grantRole } from '../src/stewardship/roles.js';
import type { Grant } from '../src/accounts/model.js';
import { createServiceBody } from '../src/stewardship/service-bodies.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';

/** A browser as far as cookies and forms go. */
export class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: App,
    readonly ip = '127.0.0.1',
  ) {}

  async request(
    method: 'GET' | 'POST',
    url: string,
    form?: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form ?? {}))
      for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
    const response = await this.app.server.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookies.size > 0
          ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
          : {}),
        ...(form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(form !== undefined ? { payload: body.toString() } : {}),
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  /** Loads a page; returns its body and the CSRF token of its forms. */
  async page(url: string): Promise<{ body: string; csrf: string }> {
    const response = await this.request('GET', url);
    expect(response.statusCode, url).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    expect(csrf, `a CSRF field on ${url}`).toBeDefined();
    return { body: response.body, csrf: csrf! };
  }

  /** Posts a form with the CSRF token of the page it would be sent from. */
  async post(from: string, url: string, form: Record<string, string | string[]>) {
    const { csrf } = await this.page(from);
    return this.request('POST', url, { ...form, _csrf: csrf });
  }
}

/** Signs a visitor in as the person with this email, through a real one-time link. */
export async function signIn(app: App, visitor: Visitor, email: string): Promise<void> {
  const person = await app.repos.accounts.personByEmail(email);
  const link = await issueSignInLink(app.importDeps, person!.id, 'https://x/en/sign-in/verify');
  const token = new URL(link).searchParams.get('token')!;
  const { csrf } = await visitor.page(`/en/sign-in/verify?token=${token}`);
  const done = await visitor.request('POST', '/en/sign-in/verify', { token, _csrf: csrf });
  expect(done.statusCode).toBe(303);
}

export interface Scene {
  bodies: { region: string; area: string; other: string };
  /** Role name -> email. */
  people: Record<string, string>;
  groupKey: string;
}

/**
 * Region > Franklin Area (publishing the `franklin` source: two meetings) and Other Area; one
 * person per role: administrator, editor of the area, editor of the other area, group contact.
 */
export async function buildScene(app: App): Promise<Scene> {
  const deps = app.importDeps;
  const region = await createServiceBody(deps, operatorActor, { name: 'Region', kind: 'region' });
  const area = await createServiceBody(deps, operatorActor, {
    name: 'Franklin Area',
    kind: 'area',
    parentId: region.id,
  });
  const other = await createServiceBody(deps, operatorActor, {
    name: 'Other Area',
    kind: 'area',
    parentId: region.id,
  });
  await importSource(deps, {
    source: 'franklin',
    location: 'https://aa.example.org/feed.json',
    rows: [mgRow({ group: 'Big Book Group', group_id: '42' }), mgOnlineRow()],
  });
  const source = (await app.repos.sources.findByName('franklin'))!;
  await app.repos.serviceBodies.assignSource(source.id, area.id);
  const groupKey = `${source.id}:id:42`;
  const grants: Record<string, Grant> = {
    administrator: { role: 'administrator' },
    editorInScope: { role: 'editor', serviceBodyId: area.id },
    editorOutOfScope: { role: 'editor', serviceBodyId: other.id },
    groupContact: { role: 'group_contact', groupKey, serviceBodyId: area.id },
  };
  const people: Record<string, string> = {};
  for (const [who, grant] of Object.entries(grants)) {
    people[who] = `${who.toLowerCase()}@roles.example.org`;
    await grantRole(deps, operatorActor, people[who], grant);
  }
  return { bodies: { region: region.id, area: area.id, other: other.id }, people, groupKey };
}
