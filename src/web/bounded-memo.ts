/**
 * A memo for values that recur across requests (a start instant formatted in a zone, a day
 * label) but whose keys never stop coming (next week's instants): it holds at most `max` entries
 * and starts again empty when full, which costs one rebuild of the few hot keys.
 */
export function boundedMemo<V>(max: number): (key: string, make: () => V) => V {
  const values = new Map<string, V>();
  return (key, make) => {
    let value = values.get(key);
    if (value === undefined) {
      if (values.size >= max) values.clear();
      value = make();
      values.set(key, value);
    }
    return value;
  };
}

/**
 * The same for keys made of a group (a zone, a message id: few, and the same string objects each
 * time, whose hash V8 keeps) and a number or string within it (an instant, a value): a lookup
 * builds no key string, which on a finder page of many results was most of the memo's cost.
 * At most `max` entries in all groups together.
 */
export function groupedMemo<K extends string | number, V>(
  max: number,
): (group: string, key: K, make: () => V) => V {
  const groups = new Map<string, Map<K, V>>();
  let size = 0;
  return (group, key, make) => {
    let values = groups.get(group);
    if (values === undefined) groups.set(group, (values = new Map<K, V>()));
    let value = values.get(key);
    if (value === undefined) {
      if (size >= max) {
        for (const kept of groups.values()) kept.clear();
        size = 0;
      }
      value = make();
      values.set(key, value);
      size++;
    }
    return value;
  };
}
