/** Registering a member and editing their record: one form, empty or filled. */
import { link } from '../../web/page-context.js';
import { contactChannels, engagements, pathways, type Member } from '../members/model.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';
import {
  FieldProblem,
  FormProblem,
  problemAttributes,
  typed,
  typedList,
  type FilledForm,
} from './form-problem.js';

const fields = [
  'chosenName',
  'engagement',
  'pathways',
  'phone',
  'email',
  'doNotContact',
  'preferredChannel',
  'recoveryStartDate',
];

export function MemberFormPage({
  view,
  member,
  filled,
}: {
  view: DeskView;
  member?: Member;
  /** The values posted, when the form is shown again with a refused field. */
  filled?: FilledForm | undefined;
}) {
  const { ctx, access } = view;
  const { t } = ctx;
  const title =
    member === undefined
      ? t('center.memberForm.newTitle')
      : t('center.memberForm.editTitle', { name: member.chosenName });
  const action =
    member === undefined
      ? centerPath(access, '/members')
      : centerPath(access, `/members/${member.id}/edit`);
  const contact = member?.contact;
  const engagement = typed(filled, 'engagement', member?.engagement ?? 'brief');
  const chosenPathways = typedList(filled, 'pathways') ?? member?.pathways ?? [];
  const channel = typed(filled, 'preferredChannel', contact?.preferredChannel ?? '');
  const doNotContact =
    filled === undefined ? (contact?.doNotContact ?? false) : typed(filled, 'doNotContact') !== '';
  return (
    <CenterFrame view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('center.memberForm.privacy')}</p>
      <form method="post" action={link(ctx, action)}>
        <Csrf view={view} />
        <FormProblem filled={filled} fields={fields} />
        <p class="field">
          <label for="chosenName">{t('center.field.chosenName')}</label>
          <span id="chosenName-hint" class="muted">
            {t('center.field.chosenName.hint')}
          </span>
          <input
            id="chosenName"
            name="chosenName"
            required
            maxLength={100}
            autocomplete="off"
            value={typed(filled, 'chosenName', member?.chosenName)}
            {...problemAttributes(filled, 'chosenName', 'chosenName-hint')}
          />
          <FieldProblem filled={filled} name="chosenName" />
        </p>
        <fieldset>
          <legend>{t('center.field.engagement')}</legend>
          {engagements.map((e) => (
            <label>
              <input type="radio" name="engagement" value={e} checked={engagement === e} />{' '}
              {t(`center.engagement.${e}`)}
            </label>
          ))}
        </fieldset>
        <fieldset {...problemAttributes(filled, 'pathways')}>
          <legend>{t('center.field.pathways')}</legend>
          <FieldProblem filled={filled} name="pathways" />
          {pathways.map((p) => (
            <label>
              <input
                type="checkbox"
                name="pathways"
                value={p}
                checked={chosenPathways.includes(p)}
              />{' '}
              {t(`center.pathway.${p}`)}
            </label>
          ))}
        </fieldset>
        <p class="field">
          <label for="phone">{t('center.field.phone')}</label>
          <input
            id="phone"
            name="phone"
            type="tel"
            maxLength={40}
            autocomplete="off"
            value={typed(filled, 'phone', contact?.phone)}
            {...problemAttributes(filled, 'phone')}
          />
          <FieldProblem filled={filled} name="phone" />
        </p>
        <p class="field">
          <label for="email">{t('center.field.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            maxLength={254}
            autocomplete="off"
            value={typed(filled, 'email', contact?.email)}
            {...problemAttributes(filled, 'email')}
          />
          <FieldProblem filled={filled} name="email" />
        </p>
        <p>
          <label>
            <input type="checkbox" name="doNotContact" value="yes" checked={doNotContact} />{' '}
            {t('center.field.doNotContact')}
          </label>
        </p>
        <p class="field">
          <label for="preferredChannel">{t('center.field.preferredChannel')}</label>
          <select
            id="preferredChannel"
            name="preferredChannel"
            {...problemAttributes(filled, 'preferredChannel')}
          >
            <option value="" selected={channel === ''}>
              {t('center.field.notSaid')}
            </option>
            {contactChannels.map((c) => (
              <option value={c} selected={channel === c}>
                {t(`center.channel.${c}`)}
              </option>
            ))}
          </select>
          <FieldProblem filled={filled} name="preferredChannel" />
        </p>
        <p class="field">
          <label for="recoveryStartDate">{t('center.field.recoveryStart')}</label>
          <span id="recoveryStartDate-hint" class="muted">
            {t('center.field.recoveryStart.hint')}
          </span>
          <input
            id="recoveryStartDate"
            name="recoveryStartDate"
            type="date"
            value={typed(filled, 'recoveryStartDate', member?.recoveryStartDate)}
            {...problemAttributes(filled, 'recoveryStartDate', 'recoveryStartDate-hint')}
          />
          <FieldProblem filled={filled} name="recoveryStartDate" />
        </p>
        <p>
          <button type="submit">
            {member === undefined ? t('center.memberForm.create') : t('center.memberForm.save')}
          </button>
        </p>
      </form>
    </CenterFrame>
  );
}
