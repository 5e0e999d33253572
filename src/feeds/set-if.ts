/**
 * Sets an optional field only when there is a value, so a draft never carries a key whose value
 * is `undefined` (the model's types are exact: `exactOptionalPropertyTypes`).
 */
export function setIf<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
