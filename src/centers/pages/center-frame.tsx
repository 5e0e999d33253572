/** The frame of every desk page: the site's layout with the center's own navigation. */
import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../web/kit/form-parts.js';
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import { roleMay, type CenterAccess } from '../model.js';

export interface DeskView {
  ctx: PageContext;
  access: CenterAccess;
  /** The CSRF token for the page's forms. */
  csrf: string;
  /** The center's IANA time zone, in which every date and time is shown. */
  timeZone: string;
}

/** The base path of a center's pages. */
export function centerPath(access: CenterAccess, rest = ''): string {
  return `/center/${access.center.slug}${rest}`;
}

export function CenterFrame({
  view,
  title,
  children,
}: {
  view: DeskView;
  title: string;
  children: ComponentChildren;
}) {
  const { ctx, access } = view;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={`${title} · ${access.center.name}`}>
      <nav aria-label={t('center.nav.label')}>
        <p>
          <strong>{access.center.name}</strong> ·{' '}
          <a href={link(ctx, centerPath(access))}>{t('center.nav.desk')}</a>
          {roleMay(access.role, 'member.write') && (
            <>
              {' · '}
              <a href={link(ctx, centerPath(access, '/members/new'))}>
                {t('center.nav.newMember')}
              </a>
            </>
          )}
          {' · '}
          <a href={link(ctx, centerPath(access, '/calendar'))}>{t('center.nav.calendar')}</a>
          {' · '}
          <a href={link(ctx, centerPath(access, '/shifts'))}>{t('center.nav.shifts')}</a>
          {roleMay(access.role, 'resources.read') && (
            <>
              {' · '}
              <a href={link(ctx, centerPath(access, '/resources'))}>{t('center.nav.resources')}</a>
            </>
          )}
          {roleMay(access.role, 'staff.manage') && (
            <>
              {' · '}
              <a href={link(ctx, centerPath(access, '/tokens'))}>{t('center.nav.tokens')}</a>
            </>
          )}
          {' · '}
          <a href={link(ctx, '/center')}>{t('center.nav.centers')}</a>
        </p>
      </nav>
      {children}
    </Layout>
  );
}

/** The hidden CSRF field of a form. */
export function Csrf({ view }: { view: DeskView }) {
  return <CsrfField token={view.csrf} />;
}
