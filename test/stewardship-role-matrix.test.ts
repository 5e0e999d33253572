/**
 * Every mutating route of editing, history, review, verification, suggestions and the
 * administrators' source pages, posted through the real server by every role: anonymous, a group
 * contact, an editor of the meeting's area, an editor of another area, and an administrator.
 * Each gets exactly the outcome the rules give it.
 * (The accounts and service-body writes have their own walk in stewardship-http.test.ts.)
 * Then every stewardship page and API read, by the same roles, by a former editor whose last
 * role was revoked (their old session) and by that person signed in again with no role: who may
 * see it, and whose email addresses it shows (decisions 21 and 40: only those who manage roles
 * where a person holds one see that person's address).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { Meeting } from '../src/meetings/model.js';
import { importSource } from '../src/sources/import-source.js';
import { registerSource } from '../src/sources/refresh-source.js';
import { signFormTime } from '../src/stewardship/change-requests/form-timing.js';
import {
  suggestCorrection,
  suggestMeeting,
  suggestPurpose,
} from '../src/stewardship/change-requests/submit-request.js';
import { createMeeting } from '../src/stewardship/editing/create-meeting.js';
import { deleteMeeting } from '../src/stewardship/editing/delete-meeting.js';
import { editMeeting } from '../src/stewardship/editing/edit-meeting.js';
import { meetingFormValues } from '../src/stewardship/editing/meeting-form.js';
import { operatorActor } from '../src/accounts/operator.js';
import { grantRole, revokeRole } from '../src/stewardship/roles.js';
import { createServiceBody, deleteServiceBody } from '../src/stewardship/service-bodies.js';
import { removeSource } from '../src/stewardship/sources/remove-source.js';
import { mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';
import { buildScene, signIn, Visitor, type Scene } from './stewardship-editing-support.js';

const roles = [
  'anonymous',
  'groupContact',
  'editorInScope',
  'editorOutOfScope',
  'administrator',
] as const;
type Role = (typeof roles)[number];

let app: App;
let dataDir: string;
let scene: Scene;
const visitors = {} as Record<Role, Visitor>;
let formerEditor: Visitor;
let roleless: Visitor;
let counter = 0;
const FORMER_EDITOR = 'former-editor@roles.example.org';
const SUGGESTER = 'suggester@elsewhere.example.net';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'porchlight-matrix-'));
  app = await createTestApp(
    { dataDir },
    {
      formTiming: { minimumMs: 0, maximumMs: 3600_000 },
      suggestLimit: { max: 10_000, timeWindowMs: 60_000 },
    },
  );
  scene = await buildScene(app);
  for (const role of roles) {
    visitors[role] = new Visitor(app);
    if (role !== 'anonymous') await signIn(app, visitors[role], scene.people[role]!);
  }
  // An editor of the area, signed in, then relieved of their only role.
  const former = await grantRole(app.importDeps, operatorActor, FORMER_EDITOR, {
    role: 'editor',
    serviceBodyId: scene.bodies.area,
  });
  formerEditor = new Visitor(app);
  await signIn(app, formerEditor, FORMER_EDITOR);
  await revokeRole(app.importDeps, operatorActor, former.id);
  // The same person signing in again: a live session that holds no role.
  roleless = new Visitor(app);
  await signIn(app, roleless, FORMER_EDITOR);
});
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const deps = () => ({
  ...app.importDeps,
  mailer: { send: () => Promise.resolve() },
  publicUrl: app.config.publicUrl,
});

/** A fresh meeting of the contact's group in the area, so destructive steps meet the same state. */
async function freshMeeting(): Promise<Meeting> {
  const base = (await app.repos.meetings.findBySlug('greenfield-big-book'))!;
  const created = await createMeeting(deps(), operatorActor, scene.bodies.area, {
    ...meetingFormValues(base),
    name: `Fixture ${++counter}`,
  });
  return created;
}

function outcome(status: number, location: string | undefined): string {
  if (status === 303) return location === '/en/sign-in' ? 'sign-in' : 'done';
  if (status === 200) return 'shown';
  if (status === 403) return 'refused';
  if (status === 409) return 'conflict';
  return `status ${status}`;
}

interface Step {
  route: string;
  /** Builds the request for one role: the path and the form (with fixtures made fresh). */
  prepare: () => Promise<[string, Record<string, string | string[]>]>;
  expect: Record<Role, string>;
}

const signedIn = (others: Omit<Record<Role, string>, 'anonymous'>): Record<Role, string> => ({
  anonymous: 'sign-in',
  ...others,
});

/** What only an administrator may do: `outcome` for them, refused for the other roles. */
const adminOnly = (outcome: string): Record<Role, string> =>
  signedIn({
    groupContact: 'refused',
    editorInScope: 'refused',
    editorOutOfScope: 'refused',
    administrator: outcome,
  });

describe('the role matrix', () => {
  it('walks every mutating route with every role', async () => {
    const group = () => app.repos.meetings.findBySlug('greenfield-big-book').then((m) => m!);
    const steps: Step[] = [
      {
        route: 'save an edit to a meeting of the contact’s group',
        prepare: async () => {
          const m = await group();
          return [
            `/meetings/${m.slug}/edit`,
            { ...flat(meetingFormValues(m)), notes: `n${++counter}`, intent: 'save' },
          ];
        },
        expect: signedIn({
          groupContact: 'done',
          editorInScope: 'done',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
      {
        route: 'save an edit to a meeting of no group',
        prepare: async () => {
          const m = (await app.repos.meetings.findBySlug('hilltowns-online'))!;
          return [
            `/meetings/${m.slug}/edit`,
            { ...flat(meetingFormValues(m)), notes: `n${++counter}`, intent: 'save' },
          ];
        },
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'done',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
      {
        route: 'preview an edit',
        prepare: async () => {
          const m = await group();
          return [
            `/meetings/${m.slug}/edit`,
            { ...flat(meetingFormValues(m)), name: 'Preview', intent: 'preview' },
          ];
        },
        expect: signedIn({
          groupContact: 'shown',
          editorInScope: 'shown',
          editorOutOfScope: 'refused',
          administrator: 'shown',
        }),
      },
      {
        route: 'confirm still accurate',
        prepare: async () => [`/meetings/${(await group()).slug}/verify`, {}],
        expect: signedIn({
          groupContact: 'done',
          editorInScope: 'done',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
      {
        route: 'resolve a conflict (none pending)',
        prepare: async () => [
          `/meetings/${(await group()).slug}/conflicts`,
          { field: 'online.phone', choice: 'mine' },
        ],
        expect: signedIn({
          groupContact: 'conflict',
          editorInScope: 'conflict',
          editorOutOfScope: 'refused',
          administrator: 'conflict',
        }),
      },
      {
        route: 'delete a meeting',
        prepare: async () => [`/meetings/${(await freshMeeting()).slug}/delete`, {}],
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'done',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
      {
        route: 'add a meeting under the area',
        prepare: async () => {
          const m = await group();
          return [
            '/new-meeting',
            {
              ...flat(meetingFormValues(m)),
              name: `New ${++counter}`,
              serviceBodyId: scene.bodies.area,
            },
          ];
        },
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'done',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
      {
        route: 'add a meeting under the other area',
        prepare: async () => {
          const m = await group();
          return [
            '/new-meeting',
            {
              ...flat(meetingFormValues(m)),
              name: `New ${++counter}`,
              serviceBodyId: scene.bodies.other,
            },
          ];
        },
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'refused',
          editorOutOfScope: 'done',
          administrator: 'done',
        }),
      },
      {
        route: 'add a meeting for the whole site',
        prepare: async () => {
          const m = await group();
          return [
            '/new-meeting',
            { ...flat(meetingFormValues(m)), name: `New ${++counter}`, serviceBodyId: '' },
          ];
        },
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'refused',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
      {
        route: 'undo a change',
        prepare: async () => {
          const m = await freshMeeting();
          const { entry } = await editMeeting(deps(), operatorActor, m.slug, {
            ...meetingFormValues(m),
            notes: 'to be undone',
          });
          return [`/history/${entry.id}/revert`, {}];
        },
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'done',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
      {
        route: 'restore a deleted meeting',
        prepare: async () => {
          const m = await freshMeeting();
          const removal = await deleteMeeting(deps(), operatorActor, m.slug);
          return [`/history/${removal.id}/restore`, {}];
        },
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'done',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
      {
        route: 'approve a suggestion',
        prepare: async () => [`/review/${await freshRequest()}/approve`, {}],
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'done',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
      {
        route: 'edit a suggestion, then approve it',
        prepare: async () => {
          const id = await freshRequest();
          const m = await group();
          return [
            `/review/${id}/approve`,
            { ...flat(meetingFormValues(m)), notes: `edited ${++counter}`, edited: 'yes' },
          ];
        },
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'done',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
      {
        route: 'refresh a source now',
        prepare: async () => [`/admin/sources/${await fileSource()}/refresh`, {}],
        expect: adminOnly('done'),
      },
      {
        route: 'approve a held snapshot (none held)',
        prepare: () => Promise.resolve(['/admin/sources/franklin/approve', {}]),
        expect: adminOnly('conflict'),
      },
      {
        route: 'reject a held snapshot (none held)',
        prepare: () => Promise.resolve(['/admin/sources/franklin/reject', {}]),
        expect: adminOnly('conflict'),
      },
      {
        route: 'remove a source with its meetings',
        prepare: async () => {
          const name = await freshSource();
          return [`/admin/sources/${name}/remove`, { confirm: name }];
        },
        expect: adminOnly('done'),
      },
      {
        route: 'restore a removed source',
        prepare: async () => {
          const name = await freshSource();
          await removeSource(app.importDeps, operatorActor, name);
          return [`/admin/sources/${name}/restore`, {}];
        },
        expect: adminOnly('done'),
      },
      {
        route: 'reject a suggestion',
        prepare: async () => [`/review/${await freshRequest()}/reject`, { reason: 'Not so.' }],
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'done',
          editorOutOfScope: 'refused',
          administrator: 'done',
        }),
      },
    ];

    const seen: string[] = [];
    for (const step of steps) {
      for (const role of roles) {
        const [path, form] = await step.prepare();
        const visitor = visitors[role];
        const from = role === 'anonymous' ? '/en/sign-in' : '/en/account';
        const response = await visitor.post(from, `/en${path}`, form);
        const got = outcome(response.statusCode, response.headers.location);
        seen.push(`${step.route} / ${role}: ${got}`);
        expect(got, `${step.route} as ${role}`).toBe(step.expect[role]);
        if (got === 'refused') expect(response.body).toContain('data-error-code="PL_FORBIDDEN"');
      }
    }
    expect(seen).toHaveLength(steps.length * roles.length);
  });

  it('lets anyone suggest a correction or a meeting, with no account', async () => {
    for (const role of roles) {
      const visitor = visitors[role];
      const m = (await app.repos.meetings.findBySlug('hilltowns-online'))!;
      const page = await visitor.page(`/en/meetings/${m.slug}/suggest`);
      const formTime = /name="form_time" value="([^"]+)"/.exec(page.body)![1]!;
      const sent = await visitor.request('POST', `/en/meetings/${m.slug}/suggest`, {
        ...flat(meetingFormValues(m)),
        notes: `from ${role}`,
        form_time: formTime,
        _csrf: page.csrf,
      });
      expect(outcome(sent.statusCode, sent.headers.location), role).toBe('done');
      const blank = await visitor.page('/en/suggest');
      const newTime = /name="form_time" value="([^"]+)"/.exec(blank.body)![1]!;
      const added = await visitor.request('POST', '/en/suggest', {
        ...flat(meetingFormValues(m)),
        name: `Suggested by ${role}`,
        form_time: newTime,
        _csrf: blank.csrf,
      });
      expect(outcome(added.statusCode, added.headers.location), role).toBe('done');
    }
  });

  it('shows the editing pages only to those who may use them', async () => {
    const pages: [string, Record<Role, string>][] = [
      [
        '/en/meetings/greenfield-big-book/edit',
        signedIn({
          groupContact: 'shown',
          editorInScope: 'shown',
          editorOutOfScope: 'refused',
          administrator: 'shown',
        }),
      ],
      [
        '/en/meetings/greenfield-big-book/history',
        signedIn({
          groupContact: 'shown',
          editorInScope: 'shown',
          editorOutOfScope: 'refused',
          administrator: 'shown',
        }),
      ],
      [
        `/en/admin/service-bodies/${scene.bodies.area}/history`,
        signedIn({
          groupContact: 'refused',
          editorInScope: 'shown',
          editorOutOfScope: 'refused',
          administrator: 'shown',
        }),
      ],
      [
        '/en/history',
        signedIn({
          groupContact: 'refused',
          editorInScope: 'refused',
          editorOutOfScope: 'refused',
          administrator: 'shown',
        }),
      ],
      [
        '/en/review',
        signedIn({
          groupContact: 'shown',
          editorInScope: 'shown',
          editorOutOfScope: 'shown',
          administrator: 'shown',
        }),
      ],
      [
        '/en/review/stale',
        signedIn({
          groupContact: 'shown',
          editorInScope: 'shown',
          editorOutOfScope: 'shown',
          administrator: 'shown',
        }),
      ],
      [
        '/en/new-meeting',
        signedIn({
          groupContact: 'shown',
          editorInScope: 'shown',
          editorOutOfScope: 'shown',
          administrator: 'shown',
        }),
      ],
    ];
    for (const [url, expected] of pages) {
      for (const role of roles) {
        const response = await visitors[role].request('GET', url);
        expect(outcome(response.statusCode, response.headers.location), `${url} as ${role}`).toBe(
          expected[role],
        );
      }
    }
    // The queue lists only what each may review.
    const request = await freshRequest();
    const queue = async (role: Role) =>
      (await visitors[role].request('GET', '/en/review')).body.includes(request);
    expect(await queue('editorInScope')).toBe(true);
    expect(await queue('administrator')).toBe(true);
    expect(await queue('editorOutOfScope')).toBe(false);
    expect(await queue('groupContact')).toBe(false);
  });
});

/** The roles, a former editor still holding their old session, and them signed in again. */
type Reader = Role | 'formerEditor' | 'roleless';
const readers: readonly Reader[] = [...roles, 'formerEditor', 'roleless'];

/** Every email address a page shows. */
function addresses(body: string): string[] {
  return [...new Set(body.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g) ?? [])];
}

describe('the read matrix', () => {
  interface Read {
    read: string;
    /** The request: a page, or an API call with the visitor's CSRF token. */
    url: string;
    api?: boolean;
    expect: Record<Role, string>;
    /** What an account with no role gets ('refused' unless said). */
    roleless?: string;
    /** Whose addresses (roles of the scene) each reader may see, besides their own; none if absent. */
    sees?: Partial<Record<Role, Role[]>>;
  }

  it('walks every stewardship page and API read with every role, and shows addresses only to managers', async () => {
    const request = await freshRequest({ email: SUGGESTER });
    const newMeeting = await freshNewRequest();
    const all = signedIn({
      groupContact: 'shown',
      editorInScope: 'shown',
      editorOutOfScope: 'shown',
      administrator: 'shown',
    });
    const reviewers = signedIn({
      groupContact: 'refused',
      editorInScope: 'shown',
      editorOutOfScope: 'refused',
      administrator: 'shown',
    });
    const adminsOnly = adminOnly('shown');
    const meetingEditors = signedIn({
      groupContact: 'shown',
      editorInScope: 'shown',
      editorOutOfScope: 'refused',
      administrator: 'shown',
    });
    const { area, other, region } = scene.bodies;
    const reads: Read[] = [
      { read: 'own account', url: '/en/account', expect: all, roleless: 'shown' },
      {
        read: 'service-body tree',
        url: '/en/admin/service-bodies',
        expect: all,
        roleless: 'shown',
      },
      {
        read: 'the area (an editor and a group contact hold roles there)',
        url: `/en/admin/service-bodies/${area}`,
        expect: all,
        roleless: 'shown',
        sees: {
          editorInScope: ['groupContact'],
          administrator: ['editorInScope', 'groupContact'],
        },
      },
      {
        read: 'the other area',
        url: `/en/admin/service-bodies/${other}`,
        expect: all,
        roleless: 'shown',
        sees: { administrator: ['editorOutOfScope'] },
      },
      {
        read: 'the region (no roles)',
        url: `/en/admin/service-bodies/${region}`,
        expect: all,
        roleless: 'shown',
      },
      { read: 'audit log', url: '/en/admin/audit', expect: adminsOnly },
      {
        read: 'the area’s history',
        url: `/en/admin/service-bodies/${area}/history`,
        expect: reviewers,
      },
      {
        read: 'the other area’s history',
        url: `/en/admin/service-bodies/${other}/history`,
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'refused',
          editorOutOfScope: 'shown',
          administrator: 'shown',
        }),
      },
      { read: 'the whole site’s history', url: '/en/history', expect: adminsOnly },
      { read: 'sources', url: '/en/admin/sources', expect: adminsOnly },
      {
        read: 'a source with its last report',
        url: '/en/admin/sources/franklin',
        expect: adminsOnly,
      },
      {
        read: 'removing a source: the confirmation',
        url: '/en/admin/sources/franklin/remove',
        expect: adminsOnly,
      },
      { read: 'edit form', url: '/en/meetings/greenfield-big-book/edit', expect: meetingEditors },
      {
        read: 'meeting history',
        url: '/en/meetings/greenfield-big-book/history',
        expect: meetingEditors,
      },
      { read: 'review queue', url: '/en/review', expect: all, roleless: 'shown' },
      {
        read: 'a suggestion with a reply address',
        url: `/en/review/${request}`,
        expect: reviewers,
      },
      {
        read: 'a suggested new meeting (any editor may place it)',
        url: `/en/review/${newMeeting}`,
        expect: signedIn({
          groupContact: 'refused',
          editorInScope: 'shown',
          editorOutOfScope: 'shown',
          administrator: 'shown',
        }),
      },
      { read: 'stale meetings', url: '/en/review/stale', expect: all, roleless: 'shown' },
      { read: 'new-meeting form', url: '/en/new-meeting', expect: all, roleless: 'shown' },
      {
        read: 'passkey registration options',
        url: '/api/v1/account/passkeys/options',
        api: true,
        expect: all,
        roleless: 'shown',
      },
    ];
    const emailOf = (role: Role) => scene.people[role]!;
    const seen: string[] = [];
    for (const read of reads) {
      for (const reader of readers) {
        const visitor =
          reader === 'formerEditor'
            ? formerEditor
            : reader === 'roleless'
              ? roleless
              : visitors[reader];
        let response;
        if (read.api === true) {
          const from =
            reader === 'anonymous' || reader === 'formerEditor' ? '/en/sign-in' : '/en/account';
          const { csrf } = await visitor.page(from);
          response = await app.server.inject({
            method: 'POST',
            url: read.url,
            headers: {
              cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
              'content-type': 'application/json',
              'x-csrf-token': csrf,
            },
            payload: '{}',
          });
        } else response = await visitor.request('GET', read.url);
        const got =
          read.api === true && response.statusCode === 401
            ? 'sign-in'
            : outcome(response.statusCode, response.headers.location);
        seen.push(`${read.read} / ${reader}: ${got}`);
        // A former editor's sessions ended with their last role: every read asks them to sign in.
        // Signed in again, they hold no role: what any account may read, and no one's address.
        const expected =
          reader === 'formerEditor'
            ? 'sign-in'
            : reader === 'roleless'
              ? (read.roleless ?? 'refused')
              : read.expect[reader];
        expect(got, `${read.read} as ${reader}`).toBe(expected);
        const own =
          reader === 'anonymous' || reader === 'formerEditor'
            ? []
            : [reader === 'roleless' ? FORMER_EDITOR : emailOf(reader)];
        const others = addresses(response.body).filter((a) => !own.includes(a));
        const allowed =
          reader === 'formerEditor' || reader === 'roleless'
            ? []
            : (read.sees?.[reader] ?? []).map(emailOf);
        expect(others.sort(), `addresses on ${read.read} as ${reader}`).toEqual(allowed.sort());
      }
    }
    expect(seen).toHaveLength(reads.length * readers.length);
  });
});

describe('losing roles', () => {
  it('keeps the sessions of someone who still holds a role, and ends them with the last one', async () => {
    const deps = app.importDeps;
    const email = 'two-hats@roles.example.org';
    const first = await grantRole(deps, operatorActor, email, {
      role: 'editor',
      serviceBodyId: scene.bodies.area,
    });
    const district = await createServiceBody(deps, operatorActor, {
      name: 'District 7',
      kind: 'district',
      parentId: scene.bodies.other,
    });
    await grantRole(deps, operatorActor, email, { role: 'editor', serviceBodyId: district.id });
    const visitor = new Visitor(app);
    await signIn(app, visitor, email);
    const account = async () =>
      outcome(
        ...(await visitor
          .request('GET', '/en/account')
          .then((r) => [r.statusCode, r.headers.location] as const)),
      );
    await revokeRole(deps, operatorActor, first.id);
    expect(await account()).toBe('shown');
    // The district goes, and its grant with it: the last role, so the session ends too.
    await deleteServiceBody(deps, operatorActor, district.id);
    expect(await account()).toBe('sign-in');
  });
});

/** A new source of one meeting, read from rows; its name. */
async function freshSource(): Promise<string> {
  const name = `matrix-${++counter}`;
  await importSource(app.importDeps, {
    source: name,
    location: `https://feeds.example.org/${name}.json`,
    rows: [mgRow({ slug: name, name: `Matrix ${counter}` })],
  });
  return name;
}

/** A source read from a file in the data directory, so refreshing it needs no network. */
async function fileSource(): Promise<string> {
  const name = `matrix-file-${++counter}`;
  const location = join(dataDir, `${name}.json`);
  writeFileSync(location, JSON.stringify([mgRow({ slug: name, name: `Matrix ${counter}` })]));
  await registerSource(app.importDeps, { name, location, format: 'meeting-guide' });
  return name;
}

/** An open suggestion of a new meeting, with a reply address; its id. */
async function freshNewRequest(): Promise<string> {
  const m = (await app.repos.meetings.findBySlug('greenfield-big-book'))!;
  const key = await app.repos.changeRequests.formSigningKey();
  const request = await suggestMeeting(
    deps(),
    {
      ...meetingFormValues(m),
      name: `Suggested ${++counter}`,
      email: SUGGESTER,
      form_time: signFormTime(key, suggestPurpose(undefined), new Date(Date.now() - 10_000)),
    },
    'en',
  );
  return request.id;
}

/** An open correction to the group's meeting; its id. */
async function freshRequest(extra: Record<string, string> = {}): Promise<string> {
  const m = (await app.repos.meetings.findBySlug('greenfield-big-book'))!;
  const key = await app.repos.changeRequests.formSigningKey();
  const request = await suggestCorrection(
    deps(),
    m.slug,
    {
      ...meetingFormValues(m),
      ...extra,
      notes: `suggested ${++counter}`,
      form_time: signFormTime(key, suggestPurpose(m.slug), new Date(Date.now() - 10_000)),
    },
    'en',
  );
  return request.id;
}

/** Form values as strings and lists, as a browser sends them. */
function flat(
  values: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out;
}
