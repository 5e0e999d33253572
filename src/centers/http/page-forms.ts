/**
 * The desk's url-encoded forms turned into the same inputs the JSON API takes, so one service
 * checks both. What only a form can get wrong (a number that is not one) is refused here with
 * the code the service would use, naming the field.
 */
import type { FormFields } from '../../web/kit/page-scope.js';
import { PorchlightError } from '../../platform/errors.js';
import type { AssessmentInput } from '../assessments/assessments.js';
import { barc10Items } from '../assessments/barc10.js';
import type { EncounterInput } from '../encounters/encounters.js';
import type { EncounterType } from '../encounters/model.js';
import type { MemberInput } from '../members/member-input.js';
import { contactChannels, engagements, pathways, type Member } from '../members/model.js';
import type { GoalInput } from '../plans/plans.js';

/** A single text field ('' when absent or repeated). */
export function field(form: FormFields, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

function list(form: FormFields, name: string): string[] {
  const value = form[name];
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * A member from the register or edit form. What the form does not ask (demographics) is kept
 * from the record being edited, so an edit never drops it.
 */
export function memberInputFromForm(form: FormFields, before?: Member): MemberInput {
  const unknownPathway = list(form, 'pathways').find((p) => oneOf(pathways, p) === undefined);
  if (unknownPathway !== undefined)
    throw new PorchlightError('PL_INVALID_MEMBER', 'pathways holds an unknown pathway.', {
      field: 'pathways',
    });
  const engagement = oneOf(engagements, field(form, 'engagement'));
  const channel = oneOf(contactChannels, field(form, 'preferredChannel'));
  if (field(form, 'preferredChannel') !== '' && channel === undefined)
    throw new PorchlightError('PL_INVALID_MEMBER', 'contact.preferredChannel is unknown.', {
      field: 'contact.preferredChannel',
    });
  const start = field(form, 'recoveryStartDate').trim();
  return {
    chosenName: field(form, 'chosenName'),
    ...(engagement !== undefined ? { engagement } : {}),
    pathways: list(form, 'pathways').flatMap((p) => oneOf(pathways, p) ?? []),
    contact: {
      phone: field(form, 'phone'),
      email: field(form, 'email'),
      doNotContact: field(form, 'doNotContact') !== '',
      ...(channel !== undefined ? { preferredChannel: channel } : {}),
    },
    ...(start !== '' ? { recoveryStartDate: start } : {}),
    ...(before?.demographics !== undefined ? { demographics: before.demographics } : {}),
  };
}

/** An encounter from its form. */
export function encounterInputFromForm(form: FormFields): EncounterInput {
  const minutes = field(form, 'durationMinutes').trim();
  if (!/^\d{1,4}$/.test(minutes))
    throw new PorchlightError('PL_INVALID_ENCOUNTER', 'durationMinutes must be 0-1440.', {
      field: 'durationMinutes',
    });
  const note = field(form, 'note');
  return {
    type: field(form, 'type') as EncounterType,
    durationMinutes: Number(minutes),
    ...(note.trim() !== '' ? { note } : {}),
  };
}

/** A BARC-10 from its form: `item1` ... `item10`, each 1-6. */
export function barc10InputFromForm(form: FormFields): AssessmentInput {
  const answers = barc10Items.map((_, i) => {
    const value = field(form, `item${i + 1}`);
    if (!/^[1-6]$/.test(value))
      throw new PorchlightError('PL_INVALID_ANSWERS', `answers[${i}] must be a whole number 1-6.`, {
        field: `answers[${i}]`,
      });
    return Number(value);
  });
  return { instrument: 'barc-10', answers };
}

/** A goal from its form: the steps one a line. */
export function goalInputFromForm(form: FormFields): GoalInput {
  return {
    domain: field(form, 'domain'),
    title: field(form, 'title'),
    dueDate: field(form, 'dueDate'),
    steps: field(form, 'steps').split(/\r?\n/),
  };
}

/** The step a "done" button names, or undefined for the goal itself. */
export function stepFromForm(form: FormFields): number | undefined {
  const step = field(form, 'step');
  if (step === '') return undefined;
  if (!/^\d{1,2}$/.test(step))
    throw new PorchlightError('PL_INVALID_GOAL', 'step is not a step of this goal.', {
      field: 'step',
    });
  return Number(step);
}
