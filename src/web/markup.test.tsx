import fc from 'fast-check';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { attr, escaped, htmlAttr, htmlNode, markup, renderedOnce } from './markup.js';

const render = (node: VNode) => renderToString(node);

/** Text a hostile feed could put in a meeting's name or a person in a search box. */
const hostile = fc.oneof(
  fc.string(),
  fc.constantFrom('', '"', '&', '<', '>', "'", '&amp;', '<script>alert(1)</script>', '" onx="1'),
  fc.string({ unit: fc.constantFrom('a', '"', '&', '<', '>', "'", ' ', '·', '☆', '\u0000') }),
);

describe('markup templates write what JSX writes', () => {
  it('escapes text and attribute values as JSX does, whatever they hold', () => {
    fc.assert(
      fc.property(hostile, hostile, (text, value) => {
        const reference = render(
          <p title={value} lang={`x${value}`}>
            {text}
          </p>,
        );
        // A value written between quotes in the template is never empty there (JSX would
        // write an empty one bare): `attr` writes values that may be.
        expect(render(markup`<p${attr('title', value)} lang="x${value}">${text}</p>`)).toBe(
          reference,
        );
      }),
    );
  });

  it('renders numbers, and nothing for null, undefined and booleans', () => {
    expect(render(markup`<b>${3}${null}${undefined}${false}${true}${1.5}</b>`)).toBe(
      render(
        <b>
          {3}
          {null}
          {undefined}
          {false}
          {true}
          {1.5}
        </b>,
      ),
    );
  });

  it('renders nested templates, JSX and arrays in place, escaping each string once', () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 4 }), hostile, (items, text) => {
        const withTemplates = markup`<ul>${items.map((i) => markup`<li>${i}</li>`)}</ul>`;
        const withJsx = markup`<ul>${items.map((i) => <li>{i}</li>)}</ul>`;
        const reference = render(
          <ul>
            {items.map((i) => (
              <li>{i}</li>
            ))}
          </ul>,
        );
        expect(render(withTemplates)).toBe(reference);
        expect(render(withJsx)).toBe(reference);
        // Strings in an array are children, as in JSX: escaped once, not twice.
        expect(render(markup`<p>${[text, text]}</p>`)).toBe(
          render(
            <p>
              {text}
              {text}
            </p>,
          ),
        );
        expect(render(<div>{markup`<i>${text}</i>`}</div>)).toBe(
          render(
            <div>
              <i>{text}</i>
            </div>,
          ),
        );
      }),
    );
  });

  it('writes attributes as JSX does: bare when true or empty, absent when unset', () => {
    const values = ['', 'x', 'a"b&c<d', 0, 7, true, false, null, undefined] as const;
    for (const value of values) {
      expect(render(markup`<p${attr('title', value)}>o</p>`), String(value)).toBe(
        render(<p title={value as string}>o</p>),
      );
    }
  });

  it('renders a shared part once per owner and key, and splices it in as it rendered', () => {
    const en = {};
    const es = {};
    let renders = 0;
    const part = (words: string) => () => {
      renders++;
      return (
        <aside aria-label={words}>
          <a href="tel:988">{words} & more</a>
        </aside>
      );
    };
    const page = (owner: object, words: string) =>
      render(<body>{renderedOnce(owner, 'crisis', part(words))}</body>);
    const reference = render(<body>{part('In crisis?')()}</body>);
    renders = 0;
    expect(page(en, 'In crisis?')).toBe(reference);
    expect(page(en, 'ignored: already rendered')).toBe(reference);
    expect(page(es, '¿En crisis?')).toContain('¿En crisis? &amp; more');
    expect(renders).toBe(2);
  });

  it('escaped templates write as strings what the same JSX writes, whatever the values hold', () => {
    fc.assert(
      fc.property(hostile, hostile, fc.array(hostile, { maxLength: 4 }), (text, value, items) => {
        const built = escaped`<p${htmlAttr('title', value)} lang="x${value}">${text}<ul>${items.map(
          (i) => escaped`<li>${i}</li>`,
        )}</ul>${[text, 3]}${null}${undefined}${false}${true}</p>`;
        const reference = render(
          <p title={value} lang={`x${value}`}>
            {text}
            <ul>
              {items.map((i) => (
                <li>{i}</li>
              ))}
            </ul>
            {text}
            {3}
          </p>,
        );
        expect(render(<div>{htmlNode(built)}</div>)).toBe(`<div>${reference}</div>`);
      }),
    );
    const values = ['', 'x', 'a"b&c<d', 0, 7, true, false, null, undefined] as const;
    for (const value of values) {
      expect(render(htmlNode(escaped`<p${htmlAttr('title', value)}>o</p>`)), String(value)).toBe(
        render(<p title={value as string}>o</p>),
      );
    }
  });
});
