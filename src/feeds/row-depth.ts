/**
 * How deep one row of a feed may nest. A meeting or a service nests a few levels (a service's
 * locations, their addresses, their schedules); a row nested deeper than this is refused before
 * anything else touches it, because `JSON.parse` reads 100,000 levels without trouble but every
 * recursive walk after it (JSON.stringify of the fields kept as provenance, schema checks,
 * structuredClone) overflows the stack long before that.
 */
export const maxRowDepth = 16;

/**
 * True when `value` holds containers nested more than `limit` levels deep (an object or a list
 * is one level; a string or a number none). The walk keeps its own stack rather than recursing,
 * and stops at the first container past the limit, so a hostile row costs no more than its size.
 */
export function nestsDeeperThan(value: unknown, limit: number = maxRowDepth): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit < 1) return true;
  const pending: object[] = [value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const container = pending.pop()!;
    const depth = depths.pop()!;
    const children: unknown[] = Array.isArray(container)
      ? (container as unknown[])
      : Object.values(container);
    for (const child of children) {
      if (child === null || typeof child !== 'object') continue;
      if (depth >= limit) return true;
      pending.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}
