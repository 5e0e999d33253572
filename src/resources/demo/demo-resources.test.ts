import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/database/connect.js';
import { ResourceRepository } from '../resource-repository.js';
import { seedDemoResources } from './demo-resources.js';

describe('the demo resource directory', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await openTestDatabase('sqlite::memory:');
  });
  afterEach(async () => {
    await handle.close();
  });

  it('imports without a single problem and offers a buprenorphine clinic that takes Medicaid', async () => {
    const resources = new ResourceRepository(handle.db);
    const result = await seedDemoResources(resources, fixedClock('2026-12-07T10:00:00Z'));
    expect(result.problems).toEqual([]);
    expect(result.counts.services).toBe(11);
    const { services } = await resources.load();
    const bupe = services.filter(
      (s) =>
        s.recovery.moud.includes('buprenorphine') &&
        s.costOptions.some((c) => c.kind === 'medicaid'),
    );
    expect(bupe.length).toBeGreaterThanOrEqual(2);
    expect(services.find((s) => s.recovery.narrLevel === 2)?.eligibility.serves).toEqual(['women']);
  });
});
