import { describe, expect, it } from 'vitest';
import { sourceState } from './source-status.js';

const held = {
  heldAt: '2026-12-01T00:00:00Z',
  existing: 20,
  wouldRemove: 15,
  incoming: 5,
  snapshotKept: true,
};

describe('sourceState', () => {
  it('puts a held snapshot first: it waits for a person', () => {
    expect(sourceState({ held, lastReport: { outcome: 'held' }, refresh: { running: true } })).toBe(
      'held',
    );
  });

  it('tells a running refresh, a source never read, a failing one and a good one', () => {
    expect(sourceState({ refresh: { running: true }, lastReport: { outcome: 'failed' } })).toBe(
      'refreshing',
    );
    expect(sourceState({})).toBe('never_read');
    expect(sourceState({ refresh: { running: false } })).toBe('never_read');
    expect(sourceState({ lastReport: { outcome: 'failed' } })).toBe('failing');
    expect(sourceState({ lastReport: { outcome: 'rejected' } })).toBe('failing');
    for (const outcome of ['applied', 'unchanged', 'not_modified'] as const)
      expect(sourceState({ lastReport: { outcome } })).toBe('ok');
  });
});
