import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePart, encodeChange } from './change-feed-postgres.js';

const origin = randomUUID();

describe('change notifications', () => {
  it('split any change into payloads under the 8,000-byte limit that reassemble to it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uuid(), { maxLength: 1500 }),
        fc.array(fc.string({ minLength: 1, maxLength: 80, unit: 'binary' }), { maxLength: 300 }),
        fc.nat(),
        (upserted, removed, revision) => {
          const payloads = encodeChange(origin, { revision, upserted, removed });
          const parts = payloads.map((p) => {
            expect(Buffer.byteLength(p)).toBeLessThan(8000);
            return decodePart(p)!;
          });
          expect(parts.map((p) => [p.o, p.r, p.p, p.n])).toEqual(
            parts.map((_, i) => [origin, revision, i, parts.length]),
          );
          expect(parts.flatMap((p) => p.u)).toEqual(upserted);
          expect(parts.flatMap((p) => p.d)).toEqual(removed);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('announce a very large change by its revision alone', () => {
    const upserted = Array.from({ length: 50_001 }, () => randomUUID());
    const payloads = encodeChange(origin, { revision: 9, upserted, removed: [] });
    expect(payloads).toHaveLength(1);
    expect(decodePart(payloads[0]!)).toEqual({ o: origin, r: 9 });
  });

  it('ignore payloads that are not theirs', () => {
    for (const payload of [
      'hello',
      '42',
      'null',
      '{"r":1}',
      '{"o":"x","r":"1"}',
      '{"o":"x","r":1,"p":2,"n":2,"u":[],"d":[]}',
      '{"o":"x","r":1,"p":0,"n":1,"u":[1],"d":[]}',
    ]) {
      expect(decodePart(payload), payload).toBeUndefined();
    }
  });
});
