/**
 * The recovery plan on a member's page: how many goals are completed first (with follow-up
 * engagements, what predicts gains in recovery capital), then each goal with its steps and a
 * button to mark a step or the goal done.
 */
import { link } from '../../web/page-context.js';
import type { PlanGoal } from '../plans/model.js';
import { formatDay } from './center-dates.js';
import { Csrf, centerPath, type DeskView } from './center-frame.js';

export function PlanSection({
  view,
  memberId,
  goals,
}: {
  view: DeskView;
  memberId: string;
  goals: readonly PlanGoal[];
}) {
  const { ctx, access } = view;
  const { t } = ctx;
  const base = centerPath(access, `/members/${memberId}/plan`);
  const done = goals.filter((g) => g.completedAt !== undefined).length;
  const day = (iso: string) => formatDay(iso, ctx.locale, view.timeZone);
  const dueDay = (date: string) => formatDay(`${date}T12:00:00Z`, ctx.locale, 'UTC');
  return (
    <section aria-labelledby="plan">
      <h2 id="plan">{t('center.plan.heading')}</h2>
      {goals.length === 0 ? (
        <p>{t('center.plan.empty')}</p>
      ) : (
        <>
          <p>
            <strong>{t('center.plan.progress', { done, total: goals.length })}</strong>
          </p>
          <ul class="list">
            {goals.map((goal) => (
              <li data-goal={goal.id} class="result">
                <h3>{goal.title}</h3>
                <p class="muted">
                  {t(`center.plan.domain.${goal.domain}`)}
                  {goal.dueDate !== undefined &&
                    ` · ${t('center.plan.due', { date: dueDay(goal.dueDate) })}`}
                  {goal.completedAt !== undefined &&
                    ` · ${t('center.plan.completed', { date: day(goal.completedAt) })}`}
                </p>
                {goal.steps.length > 0 && (
                  <ol>
                    {goal.steps.map((step, i) => (
                      <li>
                        {step.text}{' '}
                        {step.doneAt !== undefined ? (
                          <span class="muted">
                            ({t('center.plan.stepDone', { date: day(step.doneAt) })})
                          </span>
                        ) : (
                          <form method="post" action={link(ctx, `${base}/${goal.id}/done`)}>
                            <Csrf view={view} />
                            <input type="hidden" name="step" value={String(i)} />
                            <button type="submit" class="fav">
                              {t('center.plan.markStep', { step: step.text })}
                            </button>
                          </form>
                        )}
                      </li>
                    ))}
                  </ol>
                )}
                {goal.completedAt === undefined && (
                  <form method="post" action={link(ctx, `${base}/${goal.id}/done`)}>
                    <Csrf view={view} />
                    <button type="submit">{t('center.plan.markGoal', { goal: goal.title })}</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={link(ctx, `${base}/new`)}>{t('center.plan.add')}</a>
      </p>
    </section>
  );
}
