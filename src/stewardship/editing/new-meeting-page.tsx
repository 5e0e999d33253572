/** `/new-meeting`: the meeting form for a meeting kept here, under a chosen service body. */
import type { FeedProblem } from '../../platform/errors.js';
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import type { ServiceBodyNode } from '../model.js';
import { CsrfField } from '../../web/kit/form-parts.js';
import { MeetingFormFields, ProblemSummary, fieldId } from './meeting-form-fields.js';
import { formText, type FormInput } from './meeting-form.js';

export interface NewMeetingPageProps {
  ctx: PageContext;
  csrf: string;
  values: FormInput;
  problems: readonly FeedProblem[];
  /** Bodies the actor may add meetings under; '' stands for the whole site. */
  bodies: readonly { id: string; name: string }[];
}

export function NewMeetingPage({ ctx, csrf, values, problems, bodies }: NewMeetingPageProps) {
  const { t } = ctx;
  const chosen = formText(values, 'serviceBodyId');
  return (
    <Layout ctx={ctx} title={t('edit.new.title')}>
      <h1>{t('edit.new.title')}</h1>
      <p>{t('edit.new.intro')}</p>
      <ProblemSummary ctx={ctx} problems={problems} />
      <form method="post" action={link(ctx, '/new-meeting')} novalidate>
        <CsrfField token={csrf} />
        <label for={fieldId('serviceBodyId')}>{t('edit.new.body')}</label>
        <select id={fieldId('serviceBodyId')} name="serviceBodyId">
          {bodies.map((b) => (
            <option value={b.id} selected={b.id === chosen}>
              {b.id === '' ? t('edit.new.wholeSite') : b.name}
            </option>
          ))}
        </select>
        <MeetingFormFields ctx={ctx} values={values} problems={problems} />
        <button type="submit">{t('edit.new.submit')}</button>
      </form>
    </Layout>
  );
}

/** The bodies an actor may create meetings under, in tree order, indented by depth in the name. */
export function creatableBodies(
  bodies: readonly ServiceBodyNode[],
  allowed: (path: readonly string[]) => boolean,
): { id: string; name: string }[] {
  return [
    ...(allowed([]) ? [{ id: '', name: '' }] : []),
    ...bodies
      .filter((b) => allowed(b.path))
      .map((b) => ({ id: b.id, name: `${'— '.repeat(b.depth)}${b.name}` })),
  ];
}
