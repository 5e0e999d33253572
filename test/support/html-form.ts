/**
 * What a browser would send for a server-rendered form left untouched: its successful controls
 * (text inputs, ticked boxes and radios, the selected option, textareas), read from the page's
 * HTML. It reads the markup our pages render (attributes in double quotes, as preact writes
 * them), which is all the tests need of it.
 */

/** A form's fields as a browser submits them: repeated names give lists. */
export type SubmittedForm = Record<string, string | string[]>;

/** The fields of the first form whose action ends with `action`. */
export function formFields(html: string, action: string): SubmittedForm {
  const form = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].find((m) =>
    (attribute(m[1]!, 'action') ?? '').endsWith(action),
  );
  if (form === undefined) throw new Error(`no form with action ${action}`);
  const body = form[2]!;
  const fields: [string, string][] = [];
  const controls = /<(input|textarea|select)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/g;
  for (const [, tag, attrs, inner] of body.matchAll(controls)) {
    const name = attribute(attrs!, 'name');
    if (name === undefined || has(attrs!, 'disabled')) continue;
    if (tag === 'input') {
      const type = (attribute(attrs!, 'type') ?? 'text').toLowerCase();
      if (['submit', 'button', 'reset', 'image', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !has(attrs!, 'checked')) continue;
      fields.push([name, attribute(attrs!, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    } else if (tag === 'textarea') {
      // A browser drops one newline right after the opening tag.
      fields.push([name, decode((inner ?? '').replace(/^\r?\n/, ''))]);
    } else {
      const options = [...(inner ?? '').matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)];
      const chosen = options.find((o) => has(o[1]!, 'selected')) ?? options[0];
      if (chosen !== undefined)
        fields.push([name, attribute(chosen[1]!, 'value') ?? decode(chosen[2]!.trim())]);
    }
  }
  const out: SubmittedForm = {};
  for (const [name, value] of fields) {
    const prior = out[name];
    out[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  return out;
}

/** An attribute's value; a bare attribute (preact writes `value=""` as `value`) is ''. */
function attribute(attrs: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}(?:="([^"]*)")?(?=[\\s/]|$)`).exec(attrs);
  return match === null ? undefined : decode(match[1] ?? '');
}

function has(attrs: string, name: string): boolean {
  return new RegExp(`(?:^|\\s)${name}(?:[\\s=/]|$)`).test(attrs);
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_all, entity: string) => {
    const e = entity.toLowerCase();
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
  });
}
