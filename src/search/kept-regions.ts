/**
 * Regions a search filter names (`rides=true`: where volunteer drivers go), read from their
 * owner at most once a minute on the Clock and kept for the synchronous parse. A coordinator's
 * change shows in the finder within the minute, and a busy finder asks the database once a
 * minute, not once a page.
 */
import type { Clock } from '../platform/clock.js';
import type { Region } from './query.js';

/** How long regions read are used before they are read again. */
export const REGIONS_KEPT_MS = 60_000;

export class KeptRegions {
  private kept: { at: number; regions: readonly Region[] } | undefined;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly read: () => Promise<readonly Region[]>,
    private readonly clock: Clock,
  ) {}

  /** The regions last read (undefined before the first read). */
  get current(): readonly Region[] | undefined {
    return this.kept?.regions;
  }

  /** When the regions kept were read, on the Clock (undefined before the first read). */
  get readAt(): number | undefined {
    return this.kept?.at;
  }

  /** Reads the regions again when those kept are a minute old; one read at a time. */
  async refresh(): Promise<void> {
    const now = this.clock.now().getTime();
    if (this.kept !== undefined && now - this.kept.at < REGIONS_KEPT_MS) return;
    this.reading ??= this.read()
      .then((regions) => {
        this.kept = { at: now, regions };
      })
      .finally(() => {
        this.reading = undefined;
      });
    await this.reading;
  }
}
