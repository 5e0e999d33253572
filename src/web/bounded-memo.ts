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
