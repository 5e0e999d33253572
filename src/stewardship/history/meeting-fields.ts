/**
 * The fields of a meeting as history, overrides and change requests see them: small enough that
 * an editor's fix to a dial-in number and a source's new room are different fields (so one does
 * not undo the other), whole enough that a value makes sense on its own (coordinates as a pair).
 */
import { conferenceProvider } from '../../meetings/links.js';
import type { GeocodedFrom, MeetingDraft } from '../../meetings/model.js';

interface FieldAccess {
  get(meeting: MeetingDraft): unknown;
  /** Sets the value (`undefined` removes it); values come from `get`, so their shape is known. */
  set(meeting: MeetingDraft, value: unknown): void;
}

/** Sets or removes an optional property. */
function put(target: object, key: string, value: unknown): void {
  const record = target as Record<string, unknown>;
  if (value === undefined) delete record[key];
  else record[key] = value;
}

function top(key: keyof MeetingDraft): FieldAccess {
  return { get: (m) => m[key], set: (m, v) => put(m, key, v) };
}

function inner(part: 'place' | 'online' | 'group', key: string): FieldAccess {
  return {
    get: (m) => (m[part] as unknown as Record<string, unknown>)[key],
    set: (m, v) => put(m[part], key, v),
  };
}

const access = {
  name: top('name'),
  program: top('program'),
  types: top('types'),
  languages: top('languages'),
  focus: top('focus'),
  attendance: top('attendance'),
  status: top('status'),
  timeZone: top('timeZone'),
  schedule: top('schedule'),
  notes: top('notes'),
  contributions: top('contributions'),
  entity: top('entity'),
  'place.name': inner('place', 'name'),
  'place.address': inner('place', 'address'),
  'place.formattedAddress': inner('place', 'formattedAddress'),
  // Where coordinates we found came from goes with them: a person's pin replaces a ZIP code's
  // centre, and undoing the pin brings the centre back, marked as one.
  'place.coordinates': {
    get: (m) =>
      m.place.latitude === undefined || m.place.longitude === undefined
        ? undefined
        : {
            latitude: m.place.latitude,
            longitude: m.place.longitude,
            ...(m.place.geocoded !== undefined ? { geocoded: m.place.geocoded } : {}),
          },
    set: (m, v) => {
      const pair = v as
        { latitude: number; longitude: number; geocoded?: GeocodedFrom } | undefined;
      put(m.place, 'latitude', pair?.latitude);
      put(m.place, 'longitude', pair?.longitude);
      put(m.place, 'geocoded', pair?.geocoded);
    },
  },
  'place.approximate': inner('place', 'approximate'),
  'place.notes': inner('place', 'notes'),
  'place.wheelchairAccessible': inner('place', 'wheelchairAccessible'),
  'place.accessibilityNotes': inner('place', 'accessibilityNotes'),
  'place.regions': inner('place', 'regions'),
  // The provider is read from the link, so the two never disagree.
  'online.url': {
    get: (m) => m.online.url,
    set: (m, v) => {
      put(m.online, 'url', v);
      put(m.online, 'provider', typeof v === 'string' ? conferenceProvider(v) : undefined);
    },
  },
  'online.urlNotes': inner('online', 'urlNotes'),
  'online.phone': inner('online', 'phone'),
  'online.phoneNotes': inner('online', 'phoneNotes'),
  'group.name': inner('group', 'name'),
  'group.sourceId': inner('group', 'sourceId'),
  'group.notes': inner('group', 'notes'),
  'group.district': inner('group', 'district'),
  'group.website': inner('group', 'website'),
  'group.email': inner('group', 'email'),
  'group.phone': inner('group', 'phone'),
  'group.contacts': inner('group', 'contacts'),
  'group.contactsPublic': inner('group', 'contactsPublic'),
  'provenance.lastVerifiedAt': {
    get: (m) => m.provenance.lastVerifiedAt,
    set: (m, v) => put(m.provenance, 'lastVerifiedAt', v),
  },
} satisfies Record<string, FieldAccess>;

export type MeetingField = keyof typeof access;

/** Every field, in the order pages list them. */
export const meetingFields = Object.keys(access) as MeetingField[];

/** Fields an editor's value may hold against a source's (verification is not one: it is ours). */
export const overridableFields = meetingFields.filter((f) => !f.startsWith('provenance.'));

/** True for a known field name (input from forms and stored rows). */
export function isMeetingField(value: unknown): value is MeetingField {
  return typeof value === 'string' && Object.hasOwn(access, value);
}

/** One field's value before and after a change; an absent side means "not set". */
export interface FieldChange {
  field: MeetingField;
  before?: unknown;
  after?: unknown;
}

/** A field's value, as a JSON-safe copy (undefined when not set). */
export function getField(meeting: MeetingDraft, field: MeetingField): unknown {
  const value = access[field].get(meeting);
  return value === undefined ? undefined : structuredClone(value);
}

/** Sets a field in place. */
export function setField(meeting: MeetingDraft, field: MeetingField, value: unknown): void {
  access[field].set(meeting, value === undefined ? undefined : structuredClone(value));
}

/** Fields that hold a set of codes: their order says nothing, so a new order is no change. */
const setFields: ReadonlySet<MeetingField> = new Set<MeetingField>(['types', 'focus']);

/** True when two field values are the same (by their JSON; key order as the model writes it). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** True when a field has the same value in both: as a set for the fields that are sets. */
export function sameFieldValue(field: MeetingField, a: unknown, b: unknown): boolean {
  if (setFields.has(field) && Array.isArray(a) && Array.isArray(b))
    return sameValue(sortedCopy(a), sortedCopy(b));
  return sameValue(a, b);
}

function sortedCopy(items: unknown[]): unknown[] {
  return items.map((item) => canonicalJson(item)).sort();
}

/** The fields whose values differ between two versions of a meeting. */
export function diffMeetings(
  before: MeetingDraft,
  after: MeetingDraft,
  fields: readonly MeetingField[] = meetingFields,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = getField(before, field);
    const b = getField(after, field);
    if (sameFieldValue(field, a, b)) continue;
    changes.push({
      field,
      ...(a !== undefined ? { before: a } : {}),
      ...(b !== undefined ? { after: b } : {}),
    });
  }
  return changes;
}

/** A copy of a meeting with each change's `after` (or `before`, when undoing) applied. */
export function applyChanges<T extends MeetingDraft>(
  meeting: T,
  changes: readonly FieldChange[],
  side: 'before' | 'after' = 'after',
): T {
  const copy = structuredClone(meeting);
  for (const change of changes) setField(copy, change.field, change[side]);
  return copy;
}

/** JSON with object keys sorted, so equal values compare equal whatever order built them. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, inner]) => inner !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}
