import { describe, expect, it } from 'vitest';
import { checkReport } from './model.js';

describe('checkReport', () => {
  it('accepts a known kind with an optional message', () => {
    expect(checkReport('wrong_time', 'Starts at 7:30 now.')).toEqual({
      ok: true,
      report: { kind: 'wrong_time', message: 'Starts at 7:30 now.' },
    });
    expect(checkReport('closed', undefined)).toEqual({
      ok: true,
      report: { kind: 'closed', message: '' },
    });
  });

  it('refuses unknown kinds and long messages', () => {
    expect(checkReport('spam', '')).toEqual({ ok: false, field: 'kind' });
    expect(checkReport(undefined, '')).toEqual({ ok: false, field: 'kind' });
    expect(checkReport('other', 'x'.repeat(1001))).toEqual({ ok: false, field: 'message' });
    expect(checkReport('other', ['a', 'b'])).toEqual({ ok: false, field: 'message' });
  });

  it('keeps 1,000 characters, trims and drops control characters', () => {
    expect(checkReport('other', `  ${'x'.repeat(1000)}  `).ok).toBe(true);
    expect(checkReport('other', ' a\r\nb\u0000\u001b ')).toEqual({
      ok: true,
      report: { kind: 'other', message: 'a\nb' },
    });
  });
});
