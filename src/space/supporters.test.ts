import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { manualClock } from '../../test/support/manual-clock.js';
import type { DeliveryRequest } from '../messaging/model.js';
import { createKeyring } from '../platform/crypto/keyring.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { SupporterRepository } from './supporter-repository.js';
import { Supporters } from './supporters.js';

const keyring = createKeyring(Buffer.alloc(32, 7));
const textOf = (r: DeliveryRequest | undefined) =>
  r?.channel === 'sms' ? r.message.text : r?.channel === 'email' ? r.message.text : '';

describe.each(testDialects)('supporters on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let supporters: Supporters;
  let sent: DeliveryRequest[];
  const clock = manualClock('2026-12-07T10:00:00.000Z');

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    clock.set('2026-12-07T10:00:00.000Z');
    sent = [];
    supporters = new Supporters({
      repo: new SupporterRepository(handle.db, () => keyring),
      clock,
      deliver: (request) => {
        sent.push(request);
        return Promise.resolve();
      },
      channels: ['email', 'sms'],
      publicUrl: 'https://meetings.example.org',
    });
  });
  afterEach(async () => {
    await handle.close();
  });

  /** An invitation answered by text and confirmed with the code that was sent. */
  async function activeBySms() {
    const invitation = await supporters.invite();
    await supporters.answer(invitation.invite, { channel: 'sms', phone: '+14135550111' }, 'es');
    const code = /(\d{6})/.exec(textOf(sent.at(-1)))![1]!;
    const manage = await supporters.confirm(invitation.invite, code);
    return { ...invitation, manage };
  }

  it('takes a supporter from invitation to active, with a texted code, in their language', async () => {
    const invitation = await supporters.invite();
    expect(await supporters.status(invitation.id, invitation.token)).toEqual({
      state: 'invited',
      inviteExpiresAt: '2026-12-21T10:00:00.000Z',
    });
    await supporters.answer(invitation.invite, { channel: 'sms', phone: '+14135550111' }, 'es');
    expect(sent).toEqual([
      {
        channel: 'sms',
        idempotencyKey: expect.stringMatching(/^supporter-code:/),
        message: { to: '+14135550111', text: expect.stringMatching(/su código es \d{6}/) },
      },
    ]);
    expect(await supporters.invitation(invitation.invite)).toMatchObject({
      state: 'confirming',
      channel: 'sms',
    });
    await expect(supporters.confirm(invitation.invite, '000000x')).rejects.toMatchObject({
      code: 'PL_SUPPORTER_CODE_WRONG',
    });
    const code = /(\d{6})/.exec(textOf(sent[0]))![1]!;
    const manage = await supporters.confirm(
      invitation.invite,
      ` ${code.slice(0, 3)} ${code.slice(3)}`,
    );
    expect(await supporters.status(invitation.id, invitation.token)).toEqual({
      state: 'active',
      channel: 'sms',
    });
    // The invitation is spent: the person's link opens nothing now; the supporter's page does.
    await expect(supporters.invitation(invitation.invite)).rejects.toMatchObject({
      code: 'PL_SUPPORTER_NOT_FOUND',
    });
    expect(await supporters.supporting(manage)).toEqual({ channel: 'sms' });
  });

  it("sends exactly the person's words, then ours with the link to stop, a few an hour", async () => {
    const s = await activeBySms();
    sent = [];
    await supporters.alert(s.id, s.token, '  Sam would like you to call.\n');
    expect(sent).toHaveLength(1);
    const text = textOf(sent[0]);
    expect(text.split('\n\n')[0]).toBe('Sam would like you to call.');
    expect(text).toContain('988');
    expect(text).toContain(`https://meetings.example.org/es/space/supporting/${s.manage}`);
    await supporters.alert(s.id, s.token, 'Again');
    await supporters.alert(s.id, s.token, 'Again');
    await expect(supporters.alert(s.id, s.token, 'Fourth')).rejects.toMatchObject({
      code: 'PL_SUPPORTER_ALERT_LIMIT',
    });
    expect(sent).toHaveLength(3);
    clock.advance(60 * 60_000);
    await supporters.alert(s.id, s.token, 'An hour later');
    expect(sent).toHaveLength(4);
  });

  it('answers a wrong token as an unknown supporter, and refuses messages before acceptance', async () => {
    const invitation = await supporters.invite();
    await expect(supporters.status(invitation.id, 'x'.repeat(43))).rejects.toMatchObject({
      code: 'PL_SUPPORTER_NOT_FOUND',
    });
    await expect(supporters.alert(invitation.id, invitation.token, 'Hi')).rejects.toMatchObject({
      code: 'PL_SUPPORTER_NOT_ACTIVE',
    });
    await expect(supporters.alert(invitation.id, invitation.token, ' \n')).rejects.toMatchObject({
      code: 'PL_INVALID_BODY',
    });
    expect(sent).toEqual([]);
  });

  it('keeps the contact sealed, and forgets everything when either side ends it', async () => {
    const s = await activeBySms();
    const rows = JSON.stringify(
      await handle.db
        .selectFrom('space_supporters' as never)
        .selectAll()
        .execute(),
    );
    expect(rows).not.toContain('4135550111');
    expect(rows).not.toContain(s.manage);
    expect(rows).not.toContain(s.token);
    // The supporter stops: the row is gone, and the person's device sees it gone.
    await supporters.stop(s.manage);
    await expect(supporters.status(s.id, s.token)).rejects.toMatchObject({
      code: 'PL_SUPPORTER_NOT_FOUND',
    });
    // The person removes another.
    const other = await activeBySms();
    await supporters.remove(other.id, other.token);
    await expect(supporters.supporting(other.manage)).rejects.toMatchObject({
      code: 'PL_SUPPORTER_NOT_FOUND',
    });
    const left = await handle.db
      .selectFrom('space_supporters' as never)
      .selectAll()
      .execute();
    expect(left).toEqual([]);
  });

  it('limits codes, counts wrong ones, and forgets invitations left unanswered', async () => {
    const invitation = await supporters.invite();
    const email = { channel: 'email', email: 'maria@example.org' } as const;
    for (let i = 0; i < 3; i++) await supporters.answer(invitation.invite, email, 'en');
    await expect(supporters.answer(invitation.invite, email, 'en')).rejects.toMatchObject({
      code: 'PL_SUPPORTER_CODE_EXHAUSTED',
    });
    for (let i = 0; i < 5; i++)
      await expect(supporters.confirm(invitation.invite, 'nope')).rejects.toMatchObject({
        code: 'PL_SUPPORTER_CODE_WRONG',
      });
    await expect(supporters.confirm(invitation.invite, 'nope')).rejects.toMatchObject({
      code: 'PL_SUPPORTER_CODE_EXHAUSTED',
    });
    const active = await activeBySms();
    clock.advance(15 * 86_400_000);
    await expect(supporters.invitation(invitation.invite)).rejects.toMatchObject({
      code: 'PL_SUPPORTER_NOT_FOUND',
    });
    expect(await supporters.sweep()).toBe(1);
    // An active supporter does not expire.
    expect(await supporters.status(active.id, active.token)).toMatchObject({ state: 'active' });
  });

  it('rewraps the sealed contacts under a new master key', async () => {
    const s = await activeBySms();
    const next = createKeyring(Buffer.alloc(32, 8), [Buffer.alloc(32, 7)]);
    const repo = new SupporterRepository(handle.db, () => next);
    expect(await repo.rewrapKeys(keyring, next)).toBe(1);
    const onlyNew = new SupporterRepository(handle.db, () => createKeyring(Buffer.alloc(32, 8)));
    expect((await onlyNew.secrets(s.id))?.contact).toEqual({
      channel: 'sms',
      phone: '+14135550111',
    });
  });
});
