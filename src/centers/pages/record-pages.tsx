/** Recording an encounter and a BARC-10 for a member: plain forms, no script. */
import { link } from '../../web/page-context.js';
import { encounterTypes } from '../encounters/model.js';
import type { Member } from '../members/model.js';
import { planDomains } from '../plans/model.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';

const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const scale = [1, 2, 3, 4, 5, 6] as const;

export function EncounterFormPage({ view, member }: { view: DeskView; member: Member }) {
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
        <fieldset>
          <legend>{t('center.field.type')}</legend>
          {encounterTypes.map((type) => (
            <label>
              <input
                type="radio"
                name="type"
                value={type}
                required
                checked={type === 'follow_up_engagement'}
              />{' '}
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
            value="30"
            required
          />
        </p>
        <p class="field">
          <label for="note">{t('center.field.note')}</label>
          <textarea id="note" name="note" rows={5} maxLength={10000} />
        </p>
        <p>
          <button type="submit">{t('center.encounterForm.save')}</button>
        </p>
      </form>
    </CenterFrame>
  );
}

export function Barc10FormPage({ view, member }: { view: DeskView; member: Member }) {
  const { ctx, access } = view;
  const { t } = ctx;
  const title = t('center.barcForm.title', { name: member.chosenName });
  return (
    <CenterFrame view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('center.barcForm.intro')}</p>
      <form method="post" action={link(ctx, centerPath(access, `/members/${member.id}/barc-10`))}>
        <Csrf view={view} />
        <ol class="list">
          {items.map((n) => (
            <li>
              <fieldset>
                <legend>{t(`center.barc.item.${n}`)}</legend>
                {scale.map((v) => (
                  <label>
                    <input type="radio" name={`item${n}`} value={String(v)} required /> {v} ·{' '}
                    {t(`center.barc.scale.${v}`)}
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

export function GoalFormPage({ view, member }: { view: DeskView; member: Member }) {
  const { ctx, access } = view;
  const { t } = ctx;
  const title = t('center.goalForm.title', { name: member.chosenName });
  return (
    <CenterFrame view={view} title={title}>
      <h1>{title}</h1>
      <form method="post" action={link(ctx, centerPath(access, `/members/${member.id}/plan`))}>
        <Csrf view={view} />
        <p class="field">
          <label for="domain">{t('center.goalForm.domain')}</label>
          <select id="domain" name="domain">
            {planDomains.map((d) => (
              <option value={d}>{t(`center.plan.domain.${d}`)}</option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="title">{t('center.goalForm.goal')}</label>
          <input id="title" name="title" required maxLength={500} autocomplete="off" />
        </p>
        <p class="field">
          <label for="dueDate">{t('center.goalForm.due')}</label>
          <input id="dueDate" name="dueDate" type="date" />
        </p>
        <p class="field">
          <label for="steps">{t('center.goalForm.steps')}</label>
          <textarea id="steps" name="steps" rows={5} maxLength={10000} />
        </p>
        <p>
          <button type="submit">{t('center.goalForm.save')}</button>
        </p>
      </form>
    </CenterFrame>
  );
}
