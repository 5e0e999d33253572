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
  TypedInput,
  TypedSelect,
  type FilledForm,
} from '../../web/kit/filled-form.js';

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
  const doNotContact =
    filled === undefined ? (contact?.doNotContact ?? false) : typed(filled, 'doNotContact') !== '';
  return (
    <CenterFrame view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('center.memberForm.privacy')}</p>
      <form method="post" action={link(ctx, action)}>
        <Csrf view={view} />
        <FormProblem filled={filled} fields={fields} />
        <TypedInput
          filled={filled}
          name="chosenName"
          label={t('center.field.chosenName')}
          hint={t('center.field.chosenName.hint')}
          required
          maxLength={100}
          autocomplete="off"
          value={member?.chosenName}
        />
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
        {(
          [
            ['phone', 'tel', 40],
            ['email', 'email', 254],
          ] as const
        ).map(([name, type, maxLength]) => (
          <TypedInput
            filled={filled}
            name={name}
            label={t(`center.field.${name}`)}
            type={type}
            maxLength={maxLength}
            autocomplete="off"
            value={contact?.[name]}
          />
        ))}
        <p>
          <label>
            <input type="checkbox" name="doNotContact" value="yes" checked={doNotContact} />{' '}
            {t('center.field.doNotContact')}
          </label>
        </p>
        <TypedSelect
          filled={filled}
          name="preferredChannel"
          label={t('center.field.preferredChannel')}
          options={[
            { value: '', label: t('center.field.notSaid') },
            ...contactChannels.map((c) => ({ value: c, label: t(`center.channel.${c}`) })),
          ]}
          chosen={contact?.preferredChannel ?? ''}
        />
        <TypedInput
          filled={filled}
          name="recoveryStartDate"
          label={t('center.field.recoveryStart')}
          hint={t('center.field.recoveryStart.hint')}
          type="date"
          value={member?.recoveryStartDate}
        />
        <p>
          <button type="submit">
            {member === undefined ? t('center.memberForm.create') : t('center.memberForm.save')}
          </button>
        </p>
      </form>
    </CenterFrame>
  );
}
