/** The service-body tree as plain data: paths from the root, order for display, and cycles. */
import type { ServiceBody, ServiceBodyNode } from './model.js';

/**
 * The ids from the root down to `id` (inclusive), or undefined when `id` is unknown. A broken
 * parent link (which the schema prevents) ends the path instead of looping.
 */
export function pathOf(bodies: ReadonlyMap<string, ServiceBody>, id: string): string[] | undefined {
  if (!bodies.has(id)) return undefined;
  const path: string[] = [];
  let at: string | undefined = id;
  while (at !== undefined && !path.includes(at)) {
    path.unshift(at);
    at = bodies.get(at)?.parentId;
  }
  return path;
}

/** Every body in depth-first order (children by name under their parent), with path and depth. */
export function toTree(bodies: readonly ServiceBody[]): ServiceBodyNode[] {
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const children = new Map<string | undefined, ServiceBody[]>();
  for (const body of bodies) {
    // A body whose parent is missing is shown as a root rather than lost.
    const parent =
      body.parentId !== undefined && byId.has(body.parentId) ? body.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), body]);
  }
  const out: ServiceBodyNode[] = [];
  const visit = (parent: string | undefined, path: string[]) => {
    const list = [...(children.get(parent) ?? [])].sort(
      (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    for (const body of list) {
      if (path.includes(body.id)) continue;
      const own = [...path, body.id];
      out.push({ ...body, path: own, depth: path.length });
      visit(body.id, own);
    }
  };
  visit(undefined, []);
  return out;
}

/** True when putting `id` under `newParentId` would make it its own ancestor. */
export function wouldCycle(
  bodies: ReadonlyMap<string, ServiceBody>,
  id: string,
  newParentId: string | undefined,
): boolean {
  if (newParentId === undefined) return false;
  return (pathOf(bodies, newParentId) ?? []).includes(id);
}
