import type { PageContext } from '../../web/page-context.js';
import { describeValue, fieldLabel } from './describe-change.js';
import type { FieldChange } from './meeting-fields.js';

/** Changed fields as a table: the field, its value before and after. */
export function ChangeList(props: {
  ctx: PageContext;
  changes: readonly FieldChange[];
  program?: string | undefined;
  caption?: string;
}) {
  const { ctx, changes } = props;
  const { t } = ctx;
  if (changes.length === 0) return <p class="muted">{t('history.noFieldChanges')}</p>;
  return (
    <table class="changes">
      {props.caption !== undefined && <caption>{props.caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t('history.column.field')}</th>
          <th scope="col">{t('history.column.before')}</th>
          <th scope="col">{t('history.column.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr data-field={c.field}>
            <th scope="row">{fieldLabel(ctx, c.field)}</th>
            <td>{describeValue(ctx, c.field, c.before, props.program)}</td>
            <td>{describeValue(ctx, c.field, c.after, props.program)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
