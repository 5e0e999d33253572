import { describe, expect, it } from 'vitest';
import type { PorchlightError } from '../platform/errors.js';
import {
  actions,
  authorize,
  isAdministrator,
  requireAuthorized,
  type Action,
  type Target,
} from './authorize.js';
import type { Actor } from '../accounts/model.js';

// Region R holds areas A and B; area A holds district D. Group g1 meets in district D.
const inD = ['R', 'A', 'D'];
const actors = {
  anonymous: undefined,
  administrator: { personId: 'p-admin', grants: [{ role: 'administrator' }] },
  editorOfA: { personId: 'p-a', grants: [{ role: 'editor', serviceBodyId: 'A' }] },
  editorOfB: { personId: 'p-b', grants: [{ role: 'editor', serviceBodyId: 'B' }] },
  editorOfD: { personId: 'p-d', grants: [{ role: 'editor', serviceBodyId: 'D' }] },
  contactOfG1: { personId: 'p-g', grants: [{ role: 'group_contact', groupKey: 'g1' }] },
  noRoles: { personId: 'p-none', grants: [] },
} satisfies Record<string, Actor | undefined>;
type Who = keyof typeof actors;

interface Case {
  action: Action;
  on: string;
  target: Target;
  allowed: Who[];
}

const meetingOfG1: Target = { kind: 'meeting', path: inD, groupKey: 'g1' };
const meetingOfG2: Target = { kind: 'meeting', path: inD, groupKey: 'g2' };
const unassigned: Target = { kind: 'meeting', path: [], groupKey: 'g1' };

const cases: Case[] = [
  {
    action: 'service_body.create',
    on: 'a new root',
    target: { kind: 'service_body', path: [] },
    allowed: ['administrator'],
  },
  {
    action: 'service_body.create',
    on: 'a body under D',
    target: { kind: 'service_body', path: inD },
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'service_body.create',
    on: 'a body under A',
    target: { kind: 'service_body', path: ['R', 'A'] },
    allowed: ['administrator', 'editorOfA'],
  },
  {
    action: 'service_body.update',
    on: 'D',
    target: { kind: 'service_body', path: inD },
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'service_body.update',
    on: 'B',
    target: { kind: 'service_body', path: ['R', 'B'] },
    allowed: ['administrator', 'editorOfB'],
  },
  {
    action: 'service_body.delete',
    on: 'D',
    target: { kind: 'service_body', path: inD },
    allowed: ['administrator', 'editorOfA'],
  },
  {
    action: 'service_body.delete',
    on: 'A',
    target: { kind: 'service_body', path: ['R', 'A'] },
    allowed: ['administrator'],
  },
  {
    action: 'role.grant',
    on: 'editor of D',
    target: { kind: 'grant', path: inD, role: 'editor' },
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'role.grant',
    on: 'contact of a group in D',
    target: { kind: 'grant', path: inD, role: 'group_contact' },
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'role.grant',
    on: 'editor of B',
    target: { kind: 'grant', path: ['R', 'B'], role: 'editor' },
    allowed: ['administrator', 'editorOfB'],
  },
  {
    action: 'role.grant',
    on: 'administrator',
    target: { kind: 'grant', path: [], role: 'administrator' },
    allowed: ['administrator'],
  },
  {
    action: 'role.grant',
    on: 'administrator, claimed in scope',
    target: { kind: 'grant', path: inD, role: 'administrator' },
    allowed: ['administrator'],
  },
  {
    action: 'role.revoke',
    on: 'editor of D',
    target: { kind: 'grant', path: inD, role: 'editor' },
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'role.revoke',
    on: 'administrator',
    target: { kind: 'grant', path: [], role: 'administrator' },
    allowed: ['administrator'],
  },
  {
    action: 'meeting.create',
    on: 'group g1 in D',
    target: meetingOfG1,
    allowed: ['administrator', 'editorOfA', 'editorOfD', 'contactOfG1'],
  },
  {
    action: 'meeting.create',
    on: 'group g2 in D',
    target: meetingOfG2,
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'meeting.update',
    on: 'group g1 in D',
    target: meetingOfG1,
    allowed: ['administrator', 'editorOfA', 'editorOfD', 'contactOfG1'],
  },
  {
    action: 'meeting.update',
    on: 'group g2 in D',
    target: meetingOfG2,
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'meeting.update',
    on: 'g1 from an unassigned source',
    target: unassigned,
    allowed: ['administrator', 'contactOfG1'],
  },
  {
    action: 'meeting.update',
    on: 'a meeting without a group',
    target: { kind: 'meeting', path: inD },
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'meeting.verify',
    on: 'group g1 in D',
    target: meetingOfG1,
    allowed: ['administrator', 'editorOfA', 'editorOfD', 'contactOfG1'],
  },
  {
    action: 'meeting.verify',
    on: 'group g2 in D',
    target: meetingOfG2,
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'meeting.delete',
    on: 'group g1 in D',
    target: meetingOfG1,
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'change_request.review',
    on: 'group g1 in D',
    target: meetingOfG1,
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  {
    action: 'history.revert',
    on: 'group g1 in D',
    target: meetingOfG1,
    allowed: ['administrator', 'editorOfA', 'editorOfD'],
  },
  { action: 'audit.read', on: 'the site', target: { kind: 'site' }, allowed: ['administrator'] },
  { action: 'person.manage', on: 'the site', target: { kind: 'site' }, allowed: ['administrator'] },
  { action: 'source.assign', on: 'the site', target: { kind: 'site' }, allowed: ['administrator'] },
  { action: 'source.manage', on: 'the site', target: { kind: 'site' }, allowed: ['administrator'] },
];

describe('authorize: every action with every role', () => {
  it('covers every action', () => {
    expect(new Set(cases.map((c) => c.action))).toEqual(new Set(actions));
  });

  for (const c of cases) {
    for (const who of Object.keys(actors) as Who[]) {
      const expected = c.allowed.includes(who);
      it(`${who} ${expected ? 'may' : 'may not'} ${c.action} on ${c.on}`, () => {
        expect(authorize(actors[who], c.action, c.target)).toBe(expected);
        if (expected)
          expect(() => requireAuthorized(actors[who], c.action, c.target)).not.toThrow();
        else {
          const code = who === 'anonymous' ? 'PL_SIGN_IN_REQUIRED' : 'PL_FORBIDDEN';
          expect(() => requireAuthorized(actors[who], c.action, c.target)).toThrow(
            expect.objectContaining({ code }) as PorchlightError,
          );
        }
      });
    }
  }

  it('refuses an action given the wrong kind of target, even to an administrator', () => {
    expect(authorize(actors.administrator, 'meeting.update', { kind: 'site' })).toBe(false);
    expect(authorize(actors.administrator, 'audit.read', meetingOfG1)).toBe(false);
  });

  it('adds up several roles', () => {
    const both: Actor = {
      personId: 'p',
      grants: [...actors.editorOfB.grants, ...actors.contactOfG1.grants],
    };
    expect(authorize(both, 'meeting.update', meetingOfG1)).toBe(true);
    expect(authorize(both, 'meeting.delete', meetingOfG1)).toBe(false);
    expect(authorize(both, 'service_body.update', { kind: 'service_body', path: ['R', 'B'] })).toBe(
      true,
    );
  });

  it('knows an administrator', () => {
    expect(isAdministrator(actors.administrator)).toBe(true);
    expect(isAdministrator(actors.editorOfA)).toBe(false);
    expect(isAdministrator(undefined)).toBe(false);
  });
});
