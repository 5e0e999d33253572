import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { pageContext } from '../page-context.js';
import {
  CodeForm,
  CsrfField,
  Field,
  hintId,
  Notice,
  PeriodFields,
  PostButton,
} from './form-parts.js';

const ctx = pageContext({
  locale: 'es',
  path: '/admin/demand',
  keptQuery: '',
  publicUrl: 'http://localhost:8080',
  negotiated: false,
});

describe('form parts', () => {
  it('writes the CSRF field hidden, with its token', () => {
    expect(renderToString(<CsrfField token="t&k" />)).toBe(
      '<input type="hidden" name="_csrf" value="t&amp;k"/>',
    );
  });

  it('posts a one-button form in the reader’s language with the CSRF token', () => {
    expect(
      renderToString(
        <PostButton ctx={ctx} action="/history/7/revert" csrf="tok">
          Revert
        </PostButton>,
      ),
    ).toBe(
      '<form method="post" action="/es/history/7/revert">' +
        '<input type="hidden" name="_csrf" value="tok"/><button type="submit">Revert</button></form>',
    );
  });

  it('says a notice as a status or an alert, and nothing when there is nothing to say', () => {
    expect(renderToString(<Notice>Saved</Notice>)).toBe(
      '<p class="notice" role="status">Saved</p>',
    );
    expect(renderToString(<Notice role="alert">Wrong code</Notice>)).toBe(
      '<p class="notice" role="alert">Wrong code</p>',
    );
    expect(renderToString(<Notice role="alert">{undefined}</Notice>)).toBe('');
  });

  it('ties a field’s label to its control and names its hint', () => {
    const html = renderToString(
      <Field id="town" label="Town" hint="A ZIP code works too">
        <input id="town" name="town" aria-describedby={hintId('town')} />
      </Field>,
    );
    expect(html).toBe(
      '<p class="field"><label for="town">Town</label>' +
        '<input id="town" name="town" aria-describedby="town-hint"/>' +
        '<span id="town-hint" class="muted">A ZIP code works too</span></p>',
    );
    const bare = renderToString(
      <Field id="a" label="A">
        <input id="a" />
      </Field>,
    );
    expect(bare).not.toContain('muted');
  });

  it('asks for a sent code as a one-time code the phone can fill in, posted in the language', () => {
    const html = renderToString(
      <CodeForm
        ctx={ctx}
        action="/rides/abc/confirm"
        id="c"
        label="Code"
        pattern="[0-9]{6}"
        maxLength={6}
        submit="Confirm"
      />,
    );
    expect(html).toContain('<form method="post" action="/es/rides/abc/confirm">');
    expect(html).toContain('<label for="c">Code</label>');
    expect(html).toContain('name="code"');
    expect(html).toContain('autocomplete="one-time-code"');
    expect(html).toContain('inputmode="numeric"');
    expect(html).toContain('pattern="[0-9]{6}"');
    expect(html).toContain('<button type="submit">Confirm</button>');
    expect(html).not.toContain('_csrf');
  });

  it('writes a period’s two days and its button in the reader’s language', () => {
    const html = renderToString(
      <p>
        <PeriodFields ctx={ctx} idPrefix="log" from="2026-01-01" to="2026-01-31" />
      </p>,
    );
    expect(html).toContain('<input id="log-from" name="from" type="date" value="2026-01-01"/>');
    expect(html).toContain('<input id="log-to" name="to" type="date" value="2026-01-31"/>');
    expect(html).toContain(`<label for="log-from">${ctx.t('demand.from')}</label>`);
    expect(html).toContain(`<button type="submit">${ctx.t('demand.show')}</button>`);
  });
});
