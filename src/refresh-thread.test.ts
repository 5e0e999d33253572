import { describe, expect, it } from 'vitest';
import { storeSharedByThreads } from './refresh-thread.js';

describe('which stores a refresh thread can open beside the server', () => {
  it('opens a SQLite file or a PostgreSQL server, never a database that lives in memory', () => {
    expect(storeSharedByThreads('sqlite:/srv/porchlight/data/porchlight.db')).toBe(true);
    expect(storeSharedByThreads('postgres://porchlight@db/porchlight')).toBe(true);
    expect(storeSharedByThreads('postgresql://porchlight@db/porchlight')).toBe(true);
    expect(storeSharedByThreads('sqlite::memory:')).toBe(false);
    expect(storeSharedByThreads('pglite:memory')).toBe(false);
  });
});
