import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLD,
  chosen,
  crossesThreshold,
  helpOf,
  inviteLink,
  sentWords,
  type Supporter,
} from './supporters.js';

const supporter = (part: Partial<Supporter>): Supporter => ({
  id: 'id',
  token: 't',
  name: 'Maria',
  expiresAt: '2026-12-21T00:00:00.000Z',
  state: 'active',
  onHelp: true,
  onCheckIn: false,
  createdAt: '2026-12-07T00:00:00.000Z',
  updatedAt: '2026-12-07T00:00:00.000Z',
  ...part,
});

describe('supporters on the device', () => {
  it('crosses the person’s own line by craving or by mood, and never by mood at 0', () => {
    const line = { craving: 7, mood: 2 };
    expect(crossesThreshold({ craving: 7, mood: 5 }, line)).toBe(true);
    expect(crossesThreshold({ craving: 6, mood: 2 }, line)).toBe(true);
    expect(crossesThreshold({ craving: 6, mood: 3 }, line)).toBe(false);
    expect(crossesThreshold({ craving: 0, mood: 1 }, { craving: 10, mood: 0 })).toBe(false);
  });

  it('tells only those chosen for the moment who can be reached', () => {
    const list = [
      supporter({ id: 'a', onHelp: true }),
      supporter({ id: 'b', onHelp: false, onCheckIn: true }),
      supporter({ id: 'c', state: 'invited' }),
      supporter({ id: 'd', state: 'gone' }),
    ];
    expect(chosen(list, 'onHelp').map((s) => s.id)).toEqual(['a']);
    expect(chosen(list, 'onCheckIn').map((s) => s.id)).toEqual(['b']);
  });

  it('shows the words as the server will send them: one line, trimmed, bounded', () => {
    expect(sentWords('  Sam would like\nyou to call.  ')).toBe('Sam would like you to call.');
    expect(sentWords('x'.repeat(400))).toHaveLength(300);
    expect(sentWords(' \n ')).toBe('');
  });

  it('uses the page’s words and line until the person sets their own', () => {
    const w = { t: (key: string) => `<${key}>` };
    expect(helpOf({}, w)).toEqual({
      message: '<space.ui.help.defaultMessage>',
      checkInMessage: '<space.ui.help.defaultCheckIn>',
      ...DEFAULT_THRESHOLD,
    });
    const own = { message: 'a', checkInMessage: 'b', craving: 5, mood: 0 };
    expect(helpOf({ help: own }, w)).toBe(own);
  });

  it('links the invitation in the person’s language', () => {
    expect(inviteLink('https://x.example', 'es', 'S3cret')).toBe(
      'https://x.example/es/space/support/S3cret',
    );
    expect(inviteLink('https://x.example', 'fr', 'S3cret')).toBe(
      'https://x.example/en/space/support/S3cret',
    );
  });
});
