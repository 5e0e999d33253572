/** Field names and values in words, for history, conflicts and change requests. */
import { formatAddress } from '../../meetings/address.js';
import type { Recurrence } from '../../meetings/model.js';
import { getProgram, typeName } from '../../meetings/programs.js';
import { languageList } from '../../web/intl-format.js';
import type { MessageId } from '../../web/i18n/translator.js';
import type { PageContext } from '../../web/page-context.js';
import { describeDuration, describeRecurrence } from '../../web/schedule-words.js';
import { formatInstant } from '../pages/dates.js';
import type { MeetingField } from './meeting-fields.js';
import type { HistoryAction } from './model.js';

const fieldLabels: Record<MeetingField, MessageId> = {
  name: 'edit.name',
  program: 'edit.program',
  types: 'history.field.types',
  languages: 'edit.languages',
  focus: 'history.field.focus',
  attendance: 'edit.attendance',
  status: 'edit.status',
  timeZone: 'edit.timezone',
  schedule: 'history.field.schedule',
  notes: 'edit.notes',
  contributions: 'history.field.contributions',
  entity: 'history.field.entity',
  'place.name': 'edit.location',
  'place.address': 'edit.address',
  'place.formattedAddress': 'history.field.formattedAddress',
  'place.coordinates': 'edit.pin',
  'place.approximate': 'history.field.approximate',
  'place.notes': 'edit.locationNotes',
  'place.wheelchairAccessible': 'edit.wheelchair',
  'place.accessibilityNotes': 'history.field.accessibilityNotes',
  'place.regions': 'history.field.regions',
  'online.url': 'edit.conferenceUrl',
  'online.urlNotes': 'edit.conferenceUrlNotes',
  'online.phone': 'edit.conferencePhone',
  'online.phoneNotes': 'edit.conferencePhoneNotes',
  'group.name': 'edit.group',
  'group.sourceId': 'history.field.groupId',
  'group.notes': 'edit.groupNotes',
  'group.district': 'history.field.district',
  'group.website': 'history.field.website',
  'group.email': 'history.field.groupEmail',
  'group.phone': 'history.field.groupPhone',
  'group.contacts': 'history.field.contacts',
  'group.contactsPublic': 'history.field.contactsPublic',
  'provenance.lastVerifiedAt': 'history.field.lastVerifiedAt',
};

/** A field's name in the page's language. */
export function fieldLabel(ctx: PageContext, field: MeetingField): string {
  return ctx.t(fieldLabels[field]);
}

/** An action's name in the page's language. */
export function actionLabel(ctx: PageContext, action: HistoryAction): string {
  return ctx.t(`history.action.${action}`);
}

/**
 * A field's value in words: a schedule as sentences, an address as one line, types by their
 * names; '—' for "not set". Group contacts are summarised by count, never shown.
 */
export function describeValue(
  ctx: PageContext,
  field: MeetingField,
  value: unknown,
  program = 'aa',
): string {
  const { t, locale } = ctx;
  if (value === undefined || value === null || value === '') return '—';
  switch (field) {
    case 'schedule':
      return (value as Recurrence[])
        .map((r) => {
          const length = describeDuration(r, locale);
          return length === undefined
            ? describeRecurrence(r, t, locale)
            : `${describeRecurrence(r, t, locale)} (${length})`;
        })
        .join('; ');
    case 'types': {
      const p = getProgram(program);
      return (
        (value as string[]).map((c) => (p === undefined ? c : typeName(p, c, locale))).join(', ') ||
        '—'
      );
    }
    case 'languages':
      return languageList(value as string[], locale) || '—';
    case 'attendance':
      return t(`meeting.attendance.${value as 'in_person'}`);
    case 'status':
      return t(`edit.status.${value as 'active'}`);
    case 'place.address':
      return formatAddress(value) ?? '—';
    case 'place.coordinates': {
      const c = value as { latitude: number; longitude: number };
      return `${c.latitude}, ${c.longitude}`;
    }
    case 'provenance.lastVerifiedAt':
      return formatInstant(value as string, locale);
    case 'group.contacts':
      return t('history.contacts', { count: (value as unknown[]).length });
  }
  if (typeof value === 'boolean') return t(value ? 'history.yes' : 'history.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return (
      value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') || '—'
    );
  return JSON.stringify(value);
}
