/**
 * Stewardship's model: the tree of service bodies that keep the lists. Plain data, no I/O. The
 * people, their roles and sessions are accounts' (src/accounts/model.ts).
 */

/** The levels of the service structure, narrowest first; the tree itself says who is under whom. */
export const serviceBodyKinds = ['intergroup', 'district', 'area', 'region', 'zone'] as const;
export type ServiceBodyKind = (typeof serviceBodyKinds)[number];

export interface ServiceBody {
  id: string;
  name: string;
  kind: ServiceBodyKind;
  parentId?: string;
  createdAt: string;
  updatedAt: string;
}

/** A service body with its place in the tree: the ids from the root down to itself. */
export interface ServiceBodyNode extends ServiceBody {
  path: string[];
  depth: number;
}
