import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborError, decodeCbor, decodeCborFirst, encodeCbor, type CborValue } from './cbor.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s/g, ''), 'hex'));

describe('decodeCbor', () => {
  // Vectors from RFC 8949 appendix A.
  it.each([
    ['00', 0],
    ['17', 23],
    ['1818', 24],
    ['1903e8', 1000],
    ['1a000f4240', 1000000],
    ['1b000000e8d4a51000', 1000000000000],
    ['20', -1],
    ['3863', -100],
    ['3903e7', -1000],
    ['f4', false],
    ['f5', true],
    ['f6', null],
    ['f93c00', 1],
    ['f97bff', 65504],
    ['fa47c35000', 100000],
    ['fb3ff199999999999a', 1.1],
    ['6161', 'a'],
    ['64f0908591', '\u{10151}'],
    ['83010203', [1, 2, 3]],
    ['8301820203820405', [1, [2, 3], [4, 5]]],
  ])('reads %s', (input, expected) => {
    expect(decodeCbor(hex(input))).toEqual(expected);
  });

  it('reads byte strings and maps with integer and text keys', () => {
    expect(decodeCbor(hex('4401020304'))).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(decodeCbor(hex('a201020304'))).toEqual(
      new Map([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(decodeCbor(hex('a26161016162820203'))).toEqual(
      new Map<string, CborValue>([
        ['a', 1],
        ['b', [2, 3]],
      ]),
    );
  });

  it.each([
    ['', 'unexpected end'],
    ['1a0000', 'unexpected end'],
    ['62 61', 'unexpected end'],
    ['5f42010243030405ff', 'indefinite'],
    ['c074323031332d30332d32315432303a30343a30305a', 'tags'],
    ['a2 01 02 01 03', 'duplicate'],
    ['a1 80 01', 'map keys'],
    ['62 c328', 'UTF-8'],
    ['1c', 'reserved'],
    ['1b ffffffffffffffff', 'too large'],
    ['f8 20', 'simple'],
  ])('refuses %s (%s)', (input, message) => {
    expect(() => decodeCbor(hex(input))).toThrow(CborError);
    expect(() => decodeCbor(hex(input))).toThrow(message);
  });

  it('refuses trailing bytes, but decodeCborFirst reports the length', () => {
    expect(() => decodeCbor(hex('0102'))).toThrow('trailing');
    expect(decodeCborFirst(hex('a1010203ff'))).toEqual({ value: new Map([[1, 2]]), length: 3 });
  });

  it('refuses deep nesting instead of exhausting the stack', () => {
    expect(() => decodeCbor(new Uint8Array(100).fill(0x81))).toThrow('nested too deeply');
  });

  const value: fc.Arbitrary<CborValue> = fc.letrec<{ v: CborValue }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.maxSafeInteger(),
      fc.string({ unit: 'binary' }),
      fc.uint8Array({ maxLength: 40 }),
      fc.constantFrom(true, false, null),
      fc.array(tie('v'), { maxLength: 4 }),
      fc
        .uniqueArray(fc.tuple(fc.oneof(fc.integer(), fc.string()), tie('v')), {
          maxLength: 4,
          selector: ([k]) => k,
        })
        .map((entries) => new Map(entries)),
    ),
  })).v;

  it('reads back whatever the encoder writes', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(decodeCbor(encodeCbor(v))).toEqual(v);
      }),
    );
  });

  it('never throws anything but CborError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeCbor(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(CborError);
        }
      }),
    );
  });
});
