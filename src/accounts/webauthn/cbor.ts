/**
 * The small part of CBOR (RFC 8949) that WebAuthn uses: unsigned and negative integers, byte and
 * text strings, arrays, maps, and the simple values false/true/null, all of definite length.
 * Tags, indefinite lengths and duplicate map keys are refused: CTAP2 authenticators never send
 * them, so meeting one means the input is not what it claims to be.
 */

export type CborValue =
  number | Uint8Array | string | boolean | null | undefined | CborValue[] | CborMap;
export type CborMap = Map<number | string, CborValue>;

/** A malformed or unsupported CBOR input. */
export class CborError extends Error {
  override name = 'CborError';
}

const MAX_DEPTH = 16;

/** Decodes the first item of `bytes` and says how many bytes it took (the rest may follow). */
export function decodeCborFirst(bytes: Uint8Array): { value: CborValue; length: number } {
  const reader = new Reader(bytes);
  const value = reader.item(0);
  return { value, length: reader.offset };
}

/** Decodes one item that must fill `bytes` exactly. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const { value, length } = decodeCborFirst(bytes);
  if (length !== bytes.length) throw new CborError(`${bytes.length - length} trailing bytes`);
  return value;
}

class Reader {
  offset = 0;
  private readonly view: DataView;

  private readonly bytes: Uint8Array;

  constructor(input: Uint8Array) {
    // A plain view, so slices are copies of type Uint8Array even when a Buffer comes in.
    this.bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    this.view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  }

  item(depth: number): CborValue {
    if (depth > MAX_DEPTH) throw new CborError('nested too deeply');
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === 7) return this.simple(info);
    const argument = this.argument(info);
    switch (major) {
      case 0:
        return argument;
      case 1:
        return -1 - argument;
      case 2:
        return this.take(argument).slice();
      case 3:
        return decodeText(this.take(argument));
      case 4: {
        const items: CborValue[] = [];
        for (let i = 0; i < argument; i++) items.push(this.item(depth + 1));
        return items;
      }
      case 5: {
        const map: CborMap = new Map();
        for (let i = 0; i < argument; i++) {
          const key = this.item(depth + 1);
          if (typeof key !== 'number' && typeof key !== 'string')
            throw new CborError('map keys must be integers or text');
          if (map.has(key)) throw new CborError(`duplicate map key ${String(key)}`);
          map.set(key, this.item(depth + 1));
        }
        return map;
      }
      default:
        throw new CborError('tags are not supported');
    }
  }

  private simple(info: number): CborValue {
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return undefined;
      case 25:
        return halfFloat(this.view.getUint16(this.advance(2)));
      case 26:
        return this.view.getFloat32(this.advance(4));
      case 27:
        return this.view.getFloat64(this.advance(8));
      default:
        throw new CborError(`unsupported simple value ${info}`);
    }
  }

  private argument(info: number): number {
    if (info < 24) return info;
    if (info === 24) return this.byte();
    if (info === 25) return this.view.getUint16(this.advance(2));
    if (info === 26) return this.view.getUint32(this.advance(4));
    if (info === 27) {
      const big = this.view.getBigUint64(this.advance(8));
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError('integer too large');
      return Number(big);
    }
    throw new CborError(info === 31 ? 'indefinite lengths are not supported' : 'reserved value');
  }

  private byte(): number {
    return this.view.getUint8(this.advance(1));
  }

  private advance(n: number): number {
    const at = this.offset;
    if (at + n > this.bytes.length) throw new CborError('unexpected end of input');
    this.offset = at + n;
    return at;
  }

  private take(n: number): Uint8Array {
    const at = this.advance(n);
    return this.bytes.subarray(at, at + n);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CborError('text is not valid UTF-8');
  }
}

function halfFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * Encodes the same subset (integers, byte and text strings, arrays, maps, booleans, null) with
 * the shortest lengths. Only tests and the software authenticator need it: the server decodes.
 */
export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = [];
  write(out, value);
  return Uint8Array.from(out);
}

function write(out: number[], value: CborValue): void {
  if (value === false) out.push(0xf4);
  else if (value === true) out.push(0xf5);
  else if (value === null) out.push(0xf6);
  else if (value === undefined) out.push(0xf7);
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new CborError('only integers are encoded');
    if (value >= 0) head(out, 0, value);
    else head(out, 1, -1 - value);
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    head(out, 3, bytes.length);
    for (const b of bytes) out.push(b);
  } else if (value instanceof Uint8Array) {
    head(out, 2, value.length);
    for (const b of value) out.push(b);
  } else if (Array.isArray(value)) {
    head(out, 4, value.length);
    for (const item of value) write(out, item);
  } else {
    head(out, 5, value.size);
    for (const [key, item] of value) {
      write(out, key);
      write(out, item);
    }
  }
}

function head(out: number[], major: number, n: number): void {
  const m = major << 5;
  if (n < 24) out.push(m | n);
  else if (n < 0x100) out.push(m | 24, n);
  else if (n < 0x10000) out.push(m | 25, n >> 8, n & 0xff);
  else if (n < 0x100000000) out.push(m | 26, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  else {
    const big = BigInt(n);
    out.push(m | 27);
    for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((big >> shift) & 0xffn));
  }
}
