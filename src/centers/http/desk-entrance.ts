/**
 * The door of every page under `/center/{slug}/` (the desk's and the referrals'): the signed-in
 * person (sign in first), the center opened through the same service as the API (a center the
 * person is not staff of answers the same 404 as one that does not exist), the role checked
 * when the page names a permission, and the desk frame with this request's CSRF token.
 */
import type { VNode } from 'preact';
import type { StewardshipGuard } from '../../stewardship/http/guard.js';
import type { FormFields, PageKit } from '../../web/kit/page-scope.js';
import type { Entrance } from '../../web/kit/page-visit.js';
import type { CenterDesk } from '../desk.js';
import type { CenterAccess, DeskAction } from '../model.js';
import type { DeskView } from '../pages/center-frame.js';
import { formField } from '../pages/desk-form-field.js';
import { refusedForm, type FilledForm } from '../../web/kit/filled-form.js';

export interface DeskDoor {
  access: CenterAccess;
  /** The desk frame of the page, with this request's CSRF token (made when asked). */
  view: () => DeskView;
  /**
   * Saves the posted form and redirects to where `save` says; when a field is refused, the
   * form is sent again (400) with the values typed and the reason beside the field, rather
   * than the error page.
   */
  saveOrShowAgain: (
    save: (form: FormFields) => Promise<string>,
    showAgain: (filled: FilledForm) => VNode | Promise<VNode>,
  ) => Promise<unknown>;
}

/** Enters a desk page of the center `slug`, checking `permission` when given. */
export type EnterDesk = Entrance<[slug: string, permission?: DeskAction], DeskDoor>;

export function deskEntrance(
  kit: PageKit,
  desk: Pick<CenterDesk, 'open' | 'requirePermission'>,
  guard: StewardshipGuard,
): EnterDesk {
  return kit.entrance(async (visit, slug: string, permission?: DeskAction) => {
    const who = await guard.requireSignedIn(visit.request);
    const access = await desk.open({ personId: who.person.id }, slug);
    if (permission !== undefined) desk.requirePermission(access, permission);
    return {
      access,
      view: () => ({
        ctx: visit.ctx,
        access,
        csrf: visit.csrf(),
        timeZone: access.center.timeZone,
      }),
      saveOrShowAgain: async (save, showAgain) => {
        let next: string;
        try {
          next = await save(visit.form);
        } catch (error) {
          const filled = refusedForm(error, visit.ctx, visit.form, formField);
          if (filled === undefined) throw error;
          return visit.send(await showAgain(filled), { status: 400 });
        }
        return visit.redirect(next);
      },
    };
  });
}
