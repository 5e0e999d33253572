/** Registering a member and editing their record: one form, empty or filled. */
import { link } from '../../web/page-context.js';
import { contactChannels, engagements, pathways, type Member } from '../members/model.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';

export function MemberFormPage({ view, member }: { view: DeskView; member?: Member }) {
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
  return (
    <CenterFrame view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('center.memberForm.privacy')}</p>
      <form method="post" action={link(ctx, action)}>
        <Csrf view={view} />
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
            value={member?.chosenName ?? ''}
            aria-describedby="chosenName-hint"
          />
        </p>
        <fieldset>
          <legend>{t('center.field.engagement')}</legend>
          {engagements.map((e) => (
            <label>
              <input
                type="radio"
                name="engagement"
                value={e}
                checked={(member?.engagement ?? 'brief') === e}
              />{' '}
              {t(`center.engagement.${e}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('center.field.pathways')}</legend>
          {pathways.map((p) => (
            <label>
              <input
                type="checkbox"
                name="pathways"
                value={p}
                checked={member?.pathways.includes(p) ?? false}
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
            value={contact?.phone ?? ''}
          />
        </p>
        <p class="field">
          <label for="email">{t('center.field.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            maxLength={254}
            autocomplete="off"
            value={contact?.email ?? ''}
          />
        </p>
        <p>
          <label>
            <input
              type="checkbox"
              name="doNotContact"
              value="yes"
              checked={contact?.doNotContact ?? false}
            />{' '}
            {t('center.field.doNotContact')}
          </label>
        </p>
        <p class="field">
          <label for="preferredChannel">{t('center.field.preferredChannel')}</label>
          <select id="preferredChannel" name="preferredChannel">
            <option value="" selected={contact?.preferredChannel === undefined}>
              {t('center.field.notSaid')}
            </option>
            {contactChannels.map((c) => (
              <option value={c} selected={contact?.preferredChannel === c}>
                {t(`center.channel.${c}`)}
              </option>
            ))}
          </select>
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
            value={member?.recoveryStartDate ?? ''}
            aria-describedby="recoveryStartDate-hint"
          />
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
