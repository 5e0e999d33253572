import { createHash } from 'node:crypto';

/** The namespace of every HSDS id Porchlight derives (a fixed random UUID; never change it). */
export const HSDS_NAMESPACE = '6f1c2a7e-3b1d-4f0e-9a55-0c3e8d2b7f41';

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of the namespace and the name), so the same
 * meeting gets the same HSDS ids on every server and every export, and directories that
 * import us can match records across refreshes.
 */
export function uuidV5(name: string, namespace: string = HSDS_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new RangeError(`not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The HSDS id of one kind of record derived from our key for it. */
export function hsdsId(kind: string, key: string): string {
  return uuidV5(`${kind}:${key}`);
}
