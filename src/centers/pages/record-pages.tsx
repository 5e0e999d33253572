/** Recording an encounter and a BARC-10 for a member: plain forms, no script. */
import { link } from '../../web/page-context.js';
import { encounterTypes } from '../encounters/model.js';
import type { Member } from '../members/model.js';
import { planDomains } from '../plans/model.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';
import {
  FormProblem,
  TypedChoice,
  TypedInput,
  TypedSelect,
  TypedTextArea,
  type FilledForm,
} from '../../web/kit/filled-form.js';

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
        <TypedChoice
          filled={filled}
          name="type"
          legend={t('center.field.type')}
          options={encounterTypes.map((type) => ({
            value: type,
            label: t(`center.encounter.type.${type}`),
          }))}
          chosen="follow_up_engagement"
        />
        <TypedInput
          filled={filled}
          name="durationMinutes"
          label={t('center.field.duration')}
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          value="30"
          required
        />
        <TypedTextArea
          filled={filled}
          name="note"
          label={t('center.field.note')}
          rows={5}
          maxLength={10000}
        />
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
              <TypedChoice
                filled={filled}
                name={`item${n}`}
                legend={t(`center.barc.item.${n}`)}
                options={scale.map((v) => ({
                  value: String(v),
                  label: `${v} · ${t(`center.barc.scale.${v}`)}`,
                }))}
                chosen=""
              />
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
        <TypedSelect
          filled={filled}
          name="domain"
          label={t('center.goalForm.domain')}
          options={planDomains.map((d) => ({ value: d, label: t(`center.plan.domain.${d}`) }))}
          chosen=""
        />
        <TypedInput
          filled={filled}
          name="title"
          label={t('center.goalForm.goal')}
          required
          maxLength={500}
          autocomplete="off"
        />
        <TypedInput filled={filled} name="dueDate" label={t('center.goalForm.due')} type="date" />
        <TypedTextArea
          filled={filled}
          name="steps"
          label={t('center.goalForm.steps')}
          rows={5}
          maxLength={10000}
        />
        <p>
          <button type="submit">{t('center.goalForm.save')}</button>
        </p>
      </form>
    </CenterFrame>
  );
}
