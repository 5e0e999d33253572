/** Recording an encounter and a BARC-10 for a member: plain forms, no script. */
import { link } from '../../web/page-context.js';
import { encounterTypes } from '../encounters/model.js';
import type { Member } from '../members/model.js';
import { planDomains } from '../plans/model.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';
import {
  FieldProblem,
  FormProblem,
  problemAttributes,
  typed,
  type FilledForm,
} from './form-problem.js';

/** What each record form is given: the member, and the values posted when shown again. */
interface RecordFormProps {
  view: DeskView;
  member: Member;
  filled?: FilledForm | undefined;
}

const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const scale = [1, 2, 3, 4, 5, 6] as const;

export function EncounterFormPage({ view, member, filled }: RecordFormProps) {
  const { ctx, access } = view;
  const { t } = ctx;
  const chosenType = typed(filled, 'type', 'follow_up_engagement');
  const title = t('center.encounterForm.title', { name: member.chosenName });
  return (
    <CenterFrame view={view} title={title}>
      <h1>{title}</h1>
      <form
        method="post"
        action={link(ctx, centerPath(access, `/members/${member.id}/encounters`))}
      >
        <Csrf view={view} />
        <FormProblem filled={filled} fields={['type', 'durationMinutes', 'note']} />
        <fieldset {...problemAttributes(filled, 'type')}>
          <legend>{t('center.field.type')}</legend>
          <FieldProblem filled={filled} name="type" />
          {encounterTypes.map((type) => (
            <label>
              <input type="radio" name="type" value={type} required checked={type === chosenType} />{' '}
              {t(`center.encounter.type.${type}`)}
            </label>
          ))}
        </fieldset>
        <p class="field">
          <label for="durationMinutes">{t('center.field.duration')}</label>
          <input
            id="durationMinutes"
            name="durationMinutes"
            type="number"
            inputMode="numeric"
            min={0}
            max={1440}
            value={typed(filled, 'durationMinutes', '30')}
            required
            {...problemAttributes(filled, 'durationMinutes')}
          />
          <FieldProblem filled={filled} name="durationMinutes" />
        </p>
        <p class="field">
          <label for="note">{t('center.field.note')}</label>
          <textarea
            id="note"
            name="note"
            rows={5}
            maxLength={10000}
            {...problemAttributes(filled, 'note')}
          >
            {typed(filled, 'note')}
          </textarea>
          <FieldProblem filled={filled} name="note" />
        </p>
        <p>
          <button type="submit">{t('center.encounterForm.save')}</button>
        </p>
      </form>
    </CenterFrame>
  );
}

export function Barc10FormPage({ view, member, filled }: RecordFormProps) {
  const { ctx, access } = view;
  const { t } = ctx;
  const title = t('center.barcForm.title', { name: member.chosenName });
  return (
    <CenterFrame view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('center.barcForm.intro')}</p>
      <form method="post" action={link(ctx, centerPath(access, `/members/${member.id}/barc-10`))}>
        <Csrf view={view} />
        <FormProblem filled={filled} fields={items.map((n) => `item${n}`)} />
        <ol class="list">
          {items.map((n) => (
            <li>
              <fieldset {...problemAttributes(filled, `item${n}`)}>
                <legend>{t(`center.barc.item.${n}`)}</legend>
                <FieldProblem filled={filled} name={`item${n}`} />
                {scale.map((v) => (
                  <label>
                    <input
                      type="radio"
                      name={`item${n}`}
                      value={String(v)}
                      required
                      checked={typed(filled, `item${n}`) === String(v)}
                    />{' '}
                    {v} · {t(`center.barc.scale.${v}`)}
                  </label>
                ))}
              </fieldset>
            </li>
          ))}
        </ol>
        <p>
          <button type="submit">{t('center.barcForm.save')}</button>
        </p>
      </form>
      <p class="muted">{t('center.barc.credit')}</p>
    </CenterFrame>
  );
}

export function GoalFormPage({ view, member, filled }: RecordFormProps) {
  const { ctx, access } = view;
  const { t } = ctx;
  const title = t('center.goalForm.title', { name: member.chosenName });
  return (
    <CenterFrame view={view} title={title}>
      <h1>{title}</h1>
      <form method="post" action={link(ctx, centerPath(access, `/members/${member.id}/plan`))}>
        <Csrf view={view} />
        <FormProblem filled={filled} fields={['domain', 'title', 'dueDate', 'steps']} />
        <p class="field">
          <label for="domain">{t('center.goalForm.domain')}</label>
          <select id="domain" name="domain" {...problemAttributes(filled, 'domain')}>
            {planDomains.map((d) => (
              <option value={d} selected={typed(filled, 'domain') === d}>
                {t(`center.plan.domain.${d}`)}
              </option>
            ))}
          </select>
          <FieldProblem filled={filled} name="domain" />
        </p>
        <p class="field">
          <label for="title">{t('center.goalForm.goal')}</label>
          <input
            id="title"
            name="title"
            required
            maxLength={500}
            autocomplete="off"
            value={typed(filled, 'title')}
            {...problemAttributes(filled, 'title')}
          />
          <FieldProblem filled={filled} name="title" />
        </p>
        <p class="field">
          <label for="dueDate">{t('center.goalForm.due')}</label>
          <input
            id="dueDate"
            name="dueDate"
            type="date"
            value={typed(filled, 'dueDate')}
            {...problemAttributes(filled, 'dueDate')}
          />
          <FieldProblem filled={filled} name="dueDate" />
        </p>
        <p class="field">
          <label for="steps">{t('center.goalForm.steps')}</label>
          <textarea
            id="steps"
            name="steps"
            rows={5}
            maxLength={10000}
            {...problemAttributes(filled, 'steps')}
          >
            {typed(filled, 'steps')}
          </textarea>
          <FieldProblem filled={filled} name="steps" />
        </p>
        <p>
          <button type="submit">{t('center.goalForm.save')}</button>
        </p>
      </form>
    </CenterFrame>
  );
}
