/**
 * Facet signatures: the per-meeting values every facet count is made of (status, attendance,
 * program, focus, weekdays, tags, languages), interned so the many meetings that share them
 * share one id. The index keeps one per row, and counts are made per signature, not per meeting.
 */
import { STATUS_REMOVED } from './row-codes.js';

/** A facet signature: the per-meeting values every count is made of. */
export interface FacetSignature {
  /** Status code (STATUS_REMOVED for the reserved signature 0 of removed rows). */
  status: number;
  attend: number;
  program: number;
  focus: number;
  /** Weekdays of the meeting's recurrences (bit d = weekday d). */
  days: number;
  tags: number;
  /** Primary language ids, distinct. */
  languages: number[];
}

/** The signatures met so far, each with its id (its position in {@link all}). */
export class FacetSignatures {
  /** Signature 0 is reserved for removed rows. */
  readonly all: FacetSignature[] = [
    { status: STATUS_REMOVED, attend: 0, program: 0, focus: 0, days: 0, tags: 0, languages: [] },
  ];
  /** Signature ids by bits, then by program and language (or a string for several). */
  private readonly ids = new Map<number, Map<number | string, number>>();

  /**
   * The id of the signature of those values, made when new: small-integer keys when the meeting
   * has at most one language. Arithmetic, not bit operators: the fields need more than 32 bits
   * (exact below 2^53).
   */
  idOf(
    status: number,
    attend: number,
    program: number,
    focus: number,
    days: number,
    tags: number,
    primaries: number[],
  ): number {
    const bits = attend + focus * 2 ** 4 + days * 2 ** 12 + tags * 2 ** 19 + status * 2 ** 35;
    let byRest = this.ids.get(bits);
    if (byRest === undefined) {
      byRest = new Map<number | string, number>();
      this.ids.set(bits, byRest);
    }
    const rest =
      primaries.length <= 1 && program < 0x10000 && (primaries[0] ?? 0) < 0x7fff
        ? program * 0x8000 + (primaries.length === 0 ? 0 : primaries[0]! + 1)
        : `${program}|${[...primaries].sort((a, b) => a - b).join(',')}`;
    let sigId = byRest.get(rest);
    if (sigId === undefined) {
      sigId = this.all.length;
      const languages = [...primaries];
      this.all.push({ status, attend, program, focus, days, tags, languages });
      byRest.set(rest, sigId);
    }
    return sigId;
  }
}
