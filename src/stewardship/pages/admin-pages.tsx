/** `/admin/service-bodies` and each body's page: the tree, its forms, and who holds which role. */
import { Layout } from '../../web/layout.js';
import type { MessageId } from '../../web/i18n/translator.js';
import { link, type PageContext } from '../../web/page-context.js';
import type { ServiceBodyKind, ServiceBodyNode } from '../model.js';
import type { AuditEntry } from '../../accounts/model.js';
import { serviceBodyKinds } from '../model.js';
import type { GrantWithPerson } from '../roles.js';
import { formatInstant } from './dates.js';
import { CsrfField } from '../../web/kit/form-parts.js';

const kindNames: Record<ServiceBodyKind, MessageId> = {
  intergroup: 'admin.kind.intergroup',
  district: 'admin.kind.district',
  area: 'admin.kind.area',
  region: 'admin.kind.region',
  zone: 'admin.kind.zone',
};

export interface ServiceBodiesPageProps {
  ctx: PageContext;
  csrf: string;
  bodies: readonly ServiceBodyNode[];
  /** Bodies under which the actor may create (with '' for a new root when allowed). */
  creatableParents: readonly string[];
  isAdministrator: boolean;
}

export function ServiceBodiesPage(props: ServiceBodiesPageProps) {
  const { ctx, bodies, csrf, creatableParents } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.bodies.title')}>
      <h1>{t('admin.bodies.title')}</h1>
      <p>{t('admin.bodies.intro')}</p>
      {bodies.length === 0 ? (
        <p>{t('admin.bodies.empty')}</p>
      ) : (
        <Tree ctx={ctx} bodies={bodies} parentId={undefined} />
      )}
      {creatableParents.length > 0 && (
        <>
          <h2>{t('admin.bodies.create')}</h2>
          <BodyForm
            ctx={ctx}
            csrf={csrf}
            action={link(ctx, '/admin/service-bodies')}
            bodies={bodies}
            parents={creatableParents}
            submit={t('admin.bodies.add')}
          />
        </>
      )}
      {props.isAdministrator && (
        <p>
          <a href={link(ctx, '/admin/sources')}>{t('admin.sources.title')}</a> ·{' '}
          <a href={link(ctx, '/admin/audit')}>{t('admin.audit.title')}</a>
        </p>
      )}
    </Layout>
  );
}

/** Nested lists, so the tree's shape reaches screen readers and needs no inline style. */
function Tree(props: {
  ctx: PageContext;
  bodies: readonly ServiceBodyNode[];
  parentId: string | undefined;
}) {
  const { ctx, bodies, parentId } = props;
  const level = bodies.filter((b) =>
    parentId === undefined ? b.depth === 0 : b.path.at(-2) === parentId && b.depth > 0,
  );
  if (level.length === 0) return null;
  return (
    <ul>
      {level.map((body) => (
        <li data-body={body.id}>
          <a href={link(ctx, `/admin/service-bodies/${body.id}`)}>{body.name}</a>{' '}
          <span class="muted">({ctx.t(kindNames[body.kind])})</span>
          <Tree ctx={ctx} bodies={bodies} parentId={body.id} />
        </li>
      ))}
    </ul>
  );
}

export interface ServiceBodyPageProps {
  ctx: PageContext;
  csrf: string;
  body: ServiceBodyNode;
  bodies: readonly ServiceBodyNode[];
  grants: readonly GrantWithPerson[];
  canEdit: boolean;
  canDelete: boolean;
  canGrant: boolean;
  /** Parents the body may move under (its own included). */
  parents: readonly string[];
}

export function ServiceBodyPage(props: ServiceBodyPageProps) {
  const { ctx, csrf, body, bodies, grants } = props;
  const { t } = ctx;
  const base = `/admin/service-bodies/${body.id}`;
  const trail = body.path
    .slice(0, -1)
    .map((id) => bodies.find((b) => b.id === id)?.name)
    .filter((n) => n !== undefined);
  return (
    <Layout ctx={ctx} title={body.name}>
      <p>
        <a href={link(ctx, '/admin/service-bodies')}>{t('admin.bodies.back')}</a>
      </p>
      <h1>{body.name}</h1>
      <p class="muted">
        {t(kindNames[body.kind])}
        {trail.length > 0 && ` · ${trail.join(' › ')}`}
      </p>
      {props.canEdit && (
        <p>
          <a href={link(ctx, `${base}/history`)}>{t('history.link')}</a> ·{' '}
          <a href={link(ctx, '/new-meeting')}>{t('edit.new.title')}</a>
        </p>
      )}
      {props.canEdit && (
        <>
          <h2>{t('admin.bodies.edit')}</h2>
          <BodyForm
            ctx={ctx}
            csrf={csrf}
            action={link(ctx, base)}
            bodies={bodies}
            parents={props.parents}
            submit={t('admin.bodies.save')}
            current={body}
          />
        </>
      )}
      {props.canGrant && (
        <>
          <h2>{t('admin.body.roles', { name: body.name })}</h2>
          {grants.length === 0 ? (
            <p>{t('admin.body.noRoles')}</p>
          ) : (
            <ul>
              {grants.map((g) => (
                <li data-grant={g.id}>
                  {g.person.displayName ?? g.person.email}:{' '}
                  {g.grant.role === 'group_contact'
                    ? t('admin.role.groupContact', { group: g.grant.groupKey })
                    : t('admin.role.editor')}
                  <form method="post" action={link(ctx, `${base}/grants/${g.id}/revoke`)}>
                    <CsrfField token={csrf} />
                    <button type="submit">{t('admin.grant.revoke')}</button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('admin.grant.heading')}</h2>
          <form method="post" action={link(ctx, `${base}/grants`)}>
            <CsrfField token={csrf} />
            <p>
              <label for="grant-email">{t('admin.grant.email')}</label>
              <input id="grant-email" name="email" type="email" required maxLength={254} />
            </p>
            <p>
              <label for="grant-role">{t('admin.grant.role')}</label>
              <select id="grant-role" name="role">
                <option value="editor">{t('admin.role.editor')}</option>
                <option value="group_contact">{t('admin.grant.groupContact')}</option>
              </select>
            </p>
            <p>
              <label for="grant-group">{t('admin.grant.group')}</label>
              <input id="grant-group" name="groupKey" maxLength={300} />
            </p>
            <p>
              <button type="submit">{t('admin.grant.submit')}</button>
            </p>
          </form>
        </>
      )}
      {props.canDelete && (
        <form method="post" action={link(ctx, `${base}/delete`)}>
          <CsrfField token={csrf} />
          <button type="submit">{t('admin.bodies.delete')}</button>
        </form>
      )}
    </Layout>
  );
}

function BodyForm(props: {
  ctx: PageContext;
  csrf: string;
  action: string;
  bodies: readonly ServiceBodyNode[];
  parents: readonly string[];
  submit: string;
  current?: ServiceBodyNode;
}) {
  const { ctx, current } = props;
  const { t } = ctx;
  const prefix = current === undefined ? 'new' : 'edit';
  // A body cannot move under itself or a member of its own.
  const choices = props.bodies.filter(
    (b) => props.parents.includes(b.id) && (current === undefined || !b.path.includes(current.id)),
  );
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrf} />
      <p>
        <label for={`${prefix}-name`}>{t('admin.bodies.name')}</label>
        <input
          id={`${prefix}-name`}
          name="name"
          required
          maxLength={200}
          value={current?.name ?? ''}
        />
      </p>
      <p>
        <label for={`${prefix}-kind`}>{t('admin.bodies.kind')}</label>
        <select id={`${prefix}-kind`} name="kind">
          {serviceBodyKinds.map((kind) => (
            <option value={kind} selected={current?.kind === kind}>
              {t(kindNames[kind])}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for={`${prefix}-parent`}>{t('admin.bodies.parent')}</label>
        <select id={`${prefix}-parent`} name="parentId">
          {props.parents.includes('') && (
            <option value="" selected={current !== undefined && current.parentId === undefined}>
              {t('admin.bodies.noParent')}
            </option>
          )}
          {choices.map((b) => (
            <option value={b.id} selected={current?.parentId === b.id}>
              {`${'– '.repeat(b.depth)}${b.name}`}
            </option>
          ))}
        </select>
      </p>
      <p>
        <button type="submit">{props.submit}</button>
      </p>
    </form>
  );
}

export function AuditPage({ ctx, entries }: { ctx: PageContext; entries: readonly AuditEntry[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.audit.title')}>
      <p>
        <a href={link(ctx, '/admin/service-bodies')}>{t('admin.bodies.back')}</a>
      </p>
      <h1>{t('admin.audit.title')}</h1>
      <p>{t('admin.audit.intro')}</p>
      {entries.length === 0 ? (
        <p>{t('admin.audit.empty')}</p>
      ) : (
        <ul>
          {entries.map((e) => (
            <li data-audit={e.action}>
              <code>{e.action}</code> {e.targetKind}
              {e.targetId !== undefined && <code> {e.targetId}</code>} ·{' '}
              {formatInstant(e.at, ctx.locale)} ·{' '}
              {e.actorId === undefined
                ? t('admin.audit.commandLine')
                : t('admin.audit.by', { actor: e.actorId })}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
