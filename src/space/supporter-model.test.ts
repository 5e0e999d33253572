import { describe, expect, it } from 'vitest';
import { MAX_ALERT_TEXT, cleanAlertText, nextAlertWindow } from './supporter-model.js';

describe("a supporter's messages", () => {
  it("sends the person's words as one line, bounded, and nothing when nothing is left", () => {
    expect(cleanAlertText('  Sam would\n like you\u0007 to call. ')).toBe(
      'Sam would like you to call.',
    );
    expect(cleanAlertText('x'.repeat(1000))).toHaveLength(MAX_ALERT_TEXT);
    expect(cleanAlertText(' \n\t')).toBeUndefined();
    expect(cleanAlertText(42)).toBeUndefined();
  });

  it('allows three in a window that opens with the first, then a new window an hour on', () => {
    const at = (iso: string) => new Date(iso);
    const first = nextAlertWindow({ alertsInWindow: 0 }, at('2026-12-07T10:00:00Z'));
    expect(first).toEqual({ at: '2026-12-07T10:00:00.000Z', count: 1 });
    const opened = { alertWindowAt: first!.at };
    expect(nextAlertWindow({ ...opened, alertsInWindow: 2 }, at('2026-12-07T10:59:00Z'))).toEqual({
      at: first!.at,
      count: 3,
    });
    expect(
      nextAlertWindow({ ...opened, alertsInWindow: 3 }, at('2026-12-07T10:59:59Z')),
    ).toBeUndefined();
    expect(nextAlertWindow({ ...opened, alertsInWindow: 3 }, at('2026-12-07T11:00:00Z'))).toEqual({
      at: '2026-12-07T11:00:00.000Z',
      count: 1,
    });
  });
});
