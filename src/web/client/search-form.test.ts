import { describe, expect, it } from 'vitest';
import { tidyEntries } from './search-form.js';

describe('tidyEntries', () => {
  it('leaves out empty fields and adds the viewer zone', () => {
    const entries = [
      ['near', 'Colrain, MA'],
      ['q', ''],
      ['day', ''],
      ['time', ''],
      ['types', 'women'],
      ['types', 'lgbtq'],
      ['radius', ''],
    ] as const;
    expect(tidyEntries(entries, 'America/Los_Angeles')).toEqual([
      ['near', 'Colrain, MA'],
      ['types', 'women'],
      ['types', 'lgbtq'],
      ['tz', 'America/Los_Angeles'],
    ]);
  });

  it("puts the viewer's zone in place of a shared link's, and adds none it does not know", () => {
    expect(tidyEntries([['tz', 'America/Chicago']], 'America/Los_Angeles')).toEqual([
      ['tz', 'America/Los_Angeles'],
    ]);
    expect(tidyEntries([['tz', 'America/Chicago']], undefined)).toEqual([
      ['tz', 'America/Chicago'],
    ]);
    expect(tidyEntries([['near', '01301']], undefined)).toEqual([['near', '01301']]);
  });
});
