import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { withCenterTables } from '../centers/tables.js';
import { ReferralRepository, type StoredReferral } from './referral-repository.js';

const at = '2026-12-07T10:00:00.000Z';

function referral(id: string, over: Partial<StoredReferral> = {}): StoredReferral {
  return {
    id,
    centerId: 'c1',
    memberId: 'm1',
    serviceId: 's1',
    need: 'health.addiction-recovery.detox',
    status: 'requested',
    consentState: 'active',
    consentExpiresOn: '2027-03-01',
    createdBy: 'p1',
    createdAt: at,
    updatedAt: at,
    sealedConsent: 'v1.iv.consent',
    sealedShared: 'v1.iv.shared',
    ...over,
  };
}

describe.each(testDialects)('referrals on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repo: ReferralRepository;

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    await withCenterTables(handle.db)
      .insertInto('centers')
      .values({ id: 'c1', slug: 'c', name: 'C', created_at: at } as never)
      .execute();
    repo = new ReferralRepository(handle.db);
  });
  afterEach(async () => {
    await handle.close();
  });

  it('keeps a referral, its changes in order, and its consent state', async () => {
    await repo.insert(referral('00000000-0000-4000-8000-000000000001'));
    const id = '00000000-0000-4000-8000-000000000001';
    await repo.addEvent({
      id: 'e1',
      referralId: id,
      at,
      actor: 'staff',
      actorId: 'p1',
      status: 'requested',
    });
    await repo.update(id, {
      status: 'accepted',
      updatedAt: '2026-12-07T11:00:00.000Z',
      firstAnswerAt: '2026-12-07T11:00:00.000Z',
    });
    await repo.addEvent({
      id: 'e2',
      referralId: id,
      at: '2026-12-07T11:00:00.000Z',
      actor: 'recipient',
      status: 'accepted',
      sealedNote: 'v1.iv.note',
    });
    await repo.update(id, {
      consentState: 'revoked',
      revokedAt: '2026-12-08T09:00:00.000Z',
      updatedAt: '2026-12-08T09:00:00.000Z',
      status: 'cancelled',
    });

    expect(await repo.byId(id)).toEqual(
      referral(id, {
        status: 'cancelled',
        consentState: 'revoked',
        revokedAt: '2026-12-08T09:00:00.000Z',
        updatedAt: '2026-12-08T09:00:00.000Z',
        firstAnswerAt: '2026-12-07T11:00:00.000Z',
      }),
    );
    expect((await repo.events(id)).map((e) => [e.actor, e.status, e.sealedNote])).toEqual([
      ['staff', 'requested', undefined],
      ['recipient', 'accepted', 'v1.iv.note'],
    ]);
  });

  it('finds a referral only in its own center', async () => {
    const id = '00000000-0000-4000-8000-000000000002';
    await repo.insert(referral(id));
    expect(await repo.byId(id, 'c1')).toBeDefined();
    expect(await repo.byId(id, 'other-center')).toBeUndefined();
    expect((await repo.ofCenter('c1')).map((r) => r.id)).toEqual([id]);
    expect(await repo.ofCenter('other-center')).toEqual([]);
  });
});
