import { describe, expect, it } from 'vitest';
import { MAX_ANSWER, TOOLS, cleanAnswers, toolOf } from './tools.js';
import { spaceEn } from '../../i18n/messages-space-en.js';

describe('self-help tools', () => {
  it('keeps only the tool’s own questions, trimmed and bounded, and nothing when empty', () => {
    const plan = toolOf('plan')!;
    expect(
      cleanAnswers(plan, {
        change: '  Stop on weekdays ',
        why: '',
        other: 'x',
        steps: 'a'.repeat(5000),
      }),
    ).toEqual({ change: 'Stop on weekdays', steps: 'a'.repeat(MAX_ANSWER) });
    expect(cleanAnswers(plan, { why: '   ' })).toBeUndefined();
    expect(toolOf('unknown')).toBeUndefined();
  });

  it('has a title, an introduction and a label for every question, in the catalogue', () => {
    const ids = new Set(Object.keys(spaceEn));
    for (const tool of TOOLS) {
      expect(ids.has(`space.ui.tool.${tool.id}`)).toBe(true);
      expect(ids.has(`space.ui.tool.${tool.id}.intro`)).toBe(true);
      for (const q of tool.questions)
        expect(ids.has(`space.ui.tool.${tool.id}.${q.id}`)).toBe(true);
    }
  });
});
