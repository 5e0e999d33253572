import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { FormFields, PageKit } from '../../web/kit/page-scope.js';
import type { PageContext } from '../../web/page-context.js';
import { refusedForm, type FilledForm } from '../pages/form-problem.js';

/** Saves a posted desk form, or shows it again: see {@link formSaver}. */
export type SaveOrShowAgain = (
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: PageContext,
  save: (form: FormFields) => Promise<string>,
  showAgain: (filled: FilledForm) => Promise<VNode>,
) => Promise<unknown>;

/**
 * Saves a posted form and redirects to where `save` says; when a field is refused, the form is
 * sent again (400) with the values typed and the reason beside the field, rather than the error
 * page.
 */
export function formSaver(kit: PageKit): SaveOrShowAgain {
  return async (request, reply, ctx, save, showAgain) => {
    const form = kit.form(request);
    let next: string;
    try {
      next = await save(form);
    } catch (error) {
      const filled = refusedForm(error, ctx, form);
      if (filled === undefined) throw error;
      return kit.send(reply, ctx, await showAgain(filled), { status: 400 });
    }
    return kit.redirect(reply, ctx, next);
  };
}
