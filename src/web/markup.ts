/**
 * Escaped HTML templates for the parts of a page that repeat many times per request (a result
 * item, a menu's options): `markup\`<li${attr('data-slug', slug)}>${name}</li>\`` is one Preact
 * node that preact-render-to-string writes as the template's text, with every interpolated value escaped as
 * it escapes JSX text and attributes (`&`, `<`, `"`). Nested templates, JSX nodes and arrays of
 * them render in place; `null`, `undefined` and booleans render nothing, as in JSX.
 *
 * It is what Preact's precompiled JSX produces (`jsxTemplate` with `jsxEscape`d values), written
 * by hand: rendering walks one node per template instead of one per element and attribute, which
 * is most of a finder page's rendering time (decision 0050). The markup stays what JSX would give;
 * a test renders both and compares.
 */
import type { VNode } from 'preact';
import { jsxEscape, jsxTemplate } from 'preact/jsx-runtime';
import { renderToString } from 'preact-render-to-string';

/** A template whose values are escaped; see the module comment. */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): VNode {
  const escaped = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // An array is rendered as JSX children are, which escapes its strings: escaping them here
    // too would escape them twice.
    escaped[i] = Array.isArray(value) ? value : jsxEscape(value);
  }
  return jsxTemplate(strings as unknown as string[], ...escaped) as VNode;
}

/**
 * An attribute as JSX writes it: ` name="value"` escaped; ` name` alone for `true` and for the
 * empty string; nothing for `undefined`, `null` and `false`.
 */
export function attr(
  name: string,
  value: string | number | boolean | null | undefined,
): VNode | null {
  if (value === undefined || value === null || value === false) return null;
  if (value === true || value === '') return jsxTemplate([` ${name}`]) as VNode;
  return jsxTemplate([` ${name}="`, '"'], jsxEscape(String(value))) as VNode;
}

const rendered = new WeakMap<object, Map<string, string>>();

/**
 * A part that is the same on every page for as long as `owner` lives (a locale's translator,
 * the client build's settings), rendered once and then spliced in as the HTML it rendered to:
 * the crisis bar, the site's links, the footer, the islands' template.
 */
export function renderedOnce(owner: object, key: string, render: () => VNode): VNode {
  let byKey = rendered.get(owner);
  if (byKey === undefined) rendered.set(owner, (byKey = new Map<string, string>()));
  let html = byKey.get(key);
  if (html === undefined) byKey.set(key, (html = renderToString(render())));
  return jsxTemplate([html]) as VNode;
}

/**
 * Escaped HTML built straight into a string: for the parts a page repeats dozens of times (a
 * result, a menu's options), where even one Preact node per template was most of the page's
 * rendering time and garbage. Values are escaped as {@link markup} escapes them; a nested
 * `escaped` template is spliced in as it is; arrays are written item by item; `null`, `undefined` and
 * booleans write nothing. {@link htmlNode} hands the finished text to a JSX tree as one node.
 */
export class Html {
  constructor(readonly text: string) {}
}

export function escaped(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += textOf(values[i]) + strings[i + 1]!;
  return new Html(out);
}

function textOf(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += textOf(item);
    return out;
  }
  if (typeof value === 'string') return jsxEscape(value) as string;
  if (typeof value === 'number') return String(value);
  // A Preact node here would be written as "[object Object]": templates of JSX take `markup`.
  throw new TypeError('An escaped template takes text, numbers and escaped templates only.');
}

/** {@link attr} for {@link escaped}: ` name="value"`, ` name` for `true` and '', else nothing. */
export function htmlAttr(name: string, value: string | number | boolean | null | undefined): Html {
  if (value === undefined || value === null || value === false) return empty;
  if (value === true || value === '') return new Html(` ${name}`);
  return new Html(` ${name}="${jsxEscape(String(value)) as string}"`);
}

const empty = new Html('');

/** The finished HTML as one node of a JSX tree. */
export function htmlNode(part: Html): VNode {
  return jsxTemplate([part.text]) as VNode;
}
