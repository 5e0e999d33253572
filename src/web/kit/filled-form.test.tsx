import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { PorchlightError } from '../../platform/errors.js';
import { pageContext } from '../page-context.js';
import {
  refusedForm,
  typed,
  TypedChoice,
  TypedInput,
  TypedSelect,
  TypedTextArea,
  type FilledForm,
} from './filled-form.js';

const ctx = pageContext({
  locale: 'en',
  path: '/center/demo/members/new',
  keptQuery: '',
  publicUrl: 'http://localhost:8080',
  negotiated: false,
});

const refusedPhone: FilledForm = {
  values: { phone: '12', note: 'typed' },
  problem: { field: 'phone', code: 'PL_INVALID_MEMBER', message: 'The phone is too short.' },
};

describe('a form shown again', () => {
  it('is made from a 400 that names a field, by the form’s name for it', () => {
    const error = new PorchlightError('PL_INVALID_MEMBER', 'contact.phone is too short.', {
      field: 'contact.phone',
    });
    const filled = refusedForm(error, ctx, { phone: '12' }, (api) => api.replace('contact.', ''));
    expect(filled).toMatchObject({
      values: { phone: '12' },
      problem: { field: 'phone', code: 'PL_INVALID_MEMBER' },
    });
    expect(refusedForm(error, ctx, {})?.problem?.field).toBe('contact.phone');
    // Anything else goes on to the error page.
    expect(refusedForm(new PorchlightError('PL_FORBIDDEN'), ctx, {})).toBeUndefined();
    expect(refusedForm(new PorchlightError('PL_INVALID_MEMBER'), ctx, {})).toBeUndefined();
    expect(refusedForm(new TypeError('bug'), ctx, {})).toBeUndefined();
  });

  it('keeps what was typed over the record’s value', () => {
    expect(typed(undefined, 'phone', '555')).toBe('555');
    expect(typed(refusedPhone, 'phone', '555')).toBe('12');
    expect(typed(refusedPhone, 'email', 'a@b.c')).toBe('');
  });

  it('ties a refused input to its reason and its hint', () => {
    const html = renderToString(
      <TypedInput
        filled={refusedPhone}
        name="phone"
        label="Phone"
        hint="Digits"
        type="tel"
        value="555"
      />,
    );
    expect(html).toBe(
      '<p class="field"><label for="phone">Phone</label>' +
        '<span id="phone-hint" class="muted">Digits</span>' +
        '<input id="phone" name="phone" type="tel" value="12" aria-invalid="true" ' +
        'aria-describedby="phone-hint phone-problem"/>' +
        '<span class="problem" id="phone-problem" data-problem-code="PL_INVALID_MEMBER">' +
        'The phone is too short.</span></p>',
    );
  });

  it('shows a field that was not refused with the record’s value and no reason', () => {
    const input = renderToString(
      <TypedInput filled={undefined} name="title" id="event-title" label="Title" value="Art" />,
    );
    expect(input).toContain('<input id="event-title" name="title" value="Art"/>');
    expect(input).not.toContain('problem');
    const area = renderToString(
      <TypedTextArea filled={refusedPhone} name="note" label="Note" rows={3} maxLength={9} />,
    );
    expect(area).toContain(
      '<textarea id="note" name="note" rows="3" maxlength="9">typed</textarea>',
    );
  });

  it('checks the record’s choice, or the one typed', () => {
    const options = [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ];
    const menu = renderToString(
      <TypedSelect filled={undefined} name="x" label="X" options={options} chosen="b" />,
    );
    expect(menu).toContain('<option value="b" selected>B</option>');
    const radios = renderToString(
      <TypedChoice
        filled={{ values: { x: 'a' } }}
        name="x"
        legend="X"
        options={options}
        chosen="b"
      />,
    );
    expect(radios).toContain('<input type="radio" name="x" value="a" required checked/>');
    expect(radios).not.toContain('value="b" required checked');
  });
});
