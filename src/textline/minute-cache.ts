/**
 * Answers kept for the rest of the clock minute, and only while the index shows the same
 * revision of the directory. The line's answers depend on nothing else: meetings start on whole
 * minutes, so which have begun (and which are tonight or tomorrow) cannot change within one, and
 * any write to the directory gives the index a new revision. Keys hold a place and filters as a
 * person typed them, never a sender; a minute later they are gone.
 */
export class MinuteCache<V> {
  private readonly entries = new Map<string, V>();
  private minute = -1;
  private revision = -1;

  /** At most `maxEntries` at once: past that the minute starts over empty, not a slow eviction. */
  constructor(private readonly maxEntries: number) {}

  /** The value kept for `key` in this minute and revision, or undefined. */
  get(key: string, minute: number, revision: number): V | undefined {
    if (minute !== this.minute || revision !== this.revision) {
      this.entries.clear();
      this.minute = minute;
      this.revision = revision;
      return undefined;
    }
    return this.entries.get(key);
  }

  /**
   * Keeps `value`, worked out in `minute` at `revision`, for `key`; dropped when the cache has
   * moved on meanwhile (an answer that awaited something must not outlive its minute).
   */
  set(key: string, value: V, minute: number, revision: number): void {
    if (minute !== this.minute || revision !== this.revision) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, value);
  }
}
