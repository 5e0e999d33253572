/**
 * Which meetings are one group's: feeds list a group that meets three evenings a week as three
 * rows, and the rural fallback's "nearest rooms further away" would otherwise be one group's
 * rows. A gathering is a group at one place: the same program, the same group (its id in its
 * source, else its name, else the meeting's name without the weekday it carries) and the very
 * same coordinates. The engine keeps a 32-bit hash of the first part per row and compares the
 * coordinates exactly; the brute-force reference compares the keys themselves.
 */
import type { Meeting } from '../meetings/model.js';
import { weekdayNames } from '../meetings/weekdays.js';
import { searchWords } from './text.js';

type Gathered = Pick<Meeting, 'program' | 'name' | 'group'> & {
  provenance: Pick<Meeting['provenance'], 'sourceId'>;
};

/** The group a meeting belongs to, as a key (the place is compared apart). */
export function gatheringKey(meeting: Gathered): string {
  const id = idKey(meeting);
  if (id !== undefined) return id;
  // "Friday Women's Step Study" and "Grupo Nueva Vida (lunes)" are the group's Friday and Monday.
  const words = searchWords(nameOf(meeting)).filter((word) => !dayWords.has(word));
  return `${meeting.program}\u0000name\u0000${words.join(' ')}`;
}

function idKey({ group, program, provenance }: Gathered): string | undefined {
  if (group.sourceId === undefined || group.sourceId === '') return undefined;
  return `${program}\u0000id\u0000${provenance.sourceId}\u0000${group.sourceId}`;
}

function nameOf({ group, name }: Gathered): string {
  return group.name !== undefined && group.name.trim() !== '' ? group.name : name;
}

/**
 * Weekday names as `searchWords` folds them (lower case, no accents), in the languages feeds
 * write them in. Letters only: "Step 3" and "Step 4" are different groups, not one on two days.
 */
const dayWords = new Set(
  [
    ...weekdayNames.map((name) => name.toLowerCase()),
    ...weekdayNames.map((name) => name.slice(0, 3).toLowerCase()),
    ...['tues', 'thur', 'thurs'],
    ...['domingo', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado'],
    ...['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  ].flatMap((word) => [word, `${word}s`]),
);

/** FNV-1a over the key's UTF-16 code units: a per-row number the engine compares cheaply. */
export function gatheringHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * `gatheringHash(gatheringKey(meeting))`, remembering the names it has folded: a group's rows
 * repeat its name, and many groups share one ("Living Sober"), so an index build folds each
 * name once.
 */
export function gatheringHasher(): (meeting: Gathered) => number {
  const byProgram = new Map<string, Map<string, number>>();
  let remembered = 0;
  return (meeting) => {
    const id = idKey(meeting);
    if (id !== undefined) return gatheringHash(id);
    let byName = byProgram.get(meeting.program);
    if (byName === undefined) byProgram.set(meeting.program, (byName = new Map<string, number>()));
    const name = nameOf(meeting);
    let hash = byName.get(name);
    if (hash === undefined) {
      if (remembered++ >= 100_000) {
        byName.clear();
        remembered = 0;
      }
      hash = gatheringHash(gatheringKey(meeting));
      byName.set(name, hash);
    }
    return hash;
  };
}
