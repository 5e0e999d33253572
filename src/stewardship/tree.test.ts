import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceBody } from './model.js';
import { pathOf, toTree, wouldCycle } from './tree.js';

const body = (id: string, name: string, parentId?: string): ServiceBody => ({
  id,
  name,
  kind: 'district',
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  ...(parentId !== undefined ? { parentId } : {}),
});

const bodies = [
  body('r', 'Region'),
  body('a2', 'Western Area', 'r'),
  body('a1', 'Eastern Area', 'r'),
  body('d1', 'District 1', 'a1'),
  body('z', 'Another Root'),
];
const byId = new Map(bodies.map((b) => [b.id, b]));

describe('the service-body tree', () => {
  it('gives each body its path from the root', () => {
    expect(pathOf(byId, 'd1')).toEqual(['r', 'a1', 'd1']);
    expect(pathOf(byId, 'r')).toEqual(['r']);
    expect(pathOf(byId, 'missing')).toBeUndefined();
  });

  it('orders bodies depth first, children by name', () => {
    expect(toTree(bodies).map((n) => `${'-'.repeat(n.depth)}${n.name}`)).toEqual([
      'Another Root',
      'Region',
      '-Eastern Area',
      '--District 1',
      '-Western Area',
    ]);
  });

  it('sees a move under oneself or one of one’s members as a cycle', () => {
    expect(wouldCycle(byId, 'a1', 'd1')).toBe(true);
    expect(wouldCycle(byId, 'a1', 'a1')).toBe(true);
    expect(wouldCycle(byId, 'a1', 'z')).toBe(false);
    expect(wouldCycle(byId, 'a1', undefined)).toBe(false);
  });

  it('lists every body once whatever the parent links, even broken ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }), { maxLength: 12 }),
        (parents) => {
          const list = parents.map((p, i) =>
            body(`b${i}`, `n${i % 3}`, p === undefined || p <= i ? undefined : `b${p}`),
          );
          const tree = toTree(list);
          expect(tree.map((n) => n.id).sort()).toEqual(list.map((b) => b.id).sort());
          for (const node of tree) expect(node.path.at(-1)).toBe(node.id);
        },
      ),
    );
  });
});
