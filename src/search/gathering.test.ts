import { describe, expect, it } from 'vitest';
import { gatheringHash, gatheringHasher, gatheringKey } from './gathering.js';
import { makeMeeting } from './test-meetings.js';

const key = (name: string, group: { name?: string; sourceId?: string } = {}, program = 'aa') =>
  gatheringKey(
    makeMeeting({
      slug: 'x',
      name,
      program,
      group: { contacts: [], contactsPublic: false, ...group },
    }),
  );

describe('which meetings are one group’s', () => {
  it('goes by the group’s id in its source, whatever the rows are called', () => {
    expect(key('Monday Big Book', { sourceId: '12' })).toBe(key('Speaker', { sourceId: '12' }));
    expect(key('Big Book', { sourceId: '12' })).not.toBe(key('Big Book', { sourceId: '13' }));
  });

  it('else by the group’s name, else by the meeting’s name without its weekday', () => {
    expect(key('Friday Step', { name: 'Hilltown Group' })).toBe(
      key('Tuesday Big Book', { name: 'Hilltown Group' }),
    );
    expect(key("Friday Women's Step Study")).toBe(key('Women’s Step Study'));
    expect(key('Grupo Nueva Vida (lunes)')).toBe(key('Grupo Nueva Vida (miércoles)'));
    // Numbers are not weekdays: the third and fourth step are different meetings.
    expect(key('Step 3 Study')).not.toBe(key('Step 4 Study'));
    expect(key('Big Book', {}, 'aa')).not.toBe(key('Big Book', {}, 'na'));
  });

  it('hashes a key to a 32-bit integer, the same every time', () => {
    const hash = gatheringHash(key('Big Book'));
    expect(hash).toBe(gatheringHash(key('Big Book')));
    expect(hash | 0).toBe(hash);
    expect(gatheringHash('a')).not.toBe(gatheringHash('b'));
  });

  it('remembers folded names without mixing programs or groups up', () => {
    const hasher = gatheringHasher();
    const meetings = [
      makeMeeting({ slug: 'a', name: 'Monday Big Book' }),
      makeMeeting({ slug: 'b', name: 'Big Book', program: 'na' }),
      makeMeeting({ slug: 'c', name: 'Big Book' }),
      makeMeeting({
        slug: 'd',
        name: 'Big Book',
        group: { sourceId: '9', contacts: [], contactsPublic: false },
      }),
    ];
    for (const m of [...meetings, ...meetings]) {
      expect(hasher(m)).toBe(gatheringHash(gatheringKey(m)));
    }
  });
});
