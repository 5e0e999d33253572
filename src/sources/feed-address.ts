import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Config } from '../platform/config.js';
import { PorchlightError } from '../platform/errors.js';
import type { FeedReadLimits } from './feed-reader.js';
import { isLocalName, isPrivateAddress } from './link-check-target.js';

/**
 * Where feeds may be read from (decision 0110). A feed URL is an administrator's input and a
 * source's refresh runs unattended on the server, so a URL naming (or resolving to) the
 * operator's own network, the loopback, a link-local address or a cloud metadata service
 * (169.254.169.254, fd00:ec2::254) would make the server read what it should not. Such hosts
 * are refused unless the operator allows them (FEED_ALLOW_PRIVATE): a local mirror, a test server.
 */
export interface FeedAddressPolicy {
  /** What the operator allows despite being private: `loopback`, addresses, CIDR ranges, host names. */
  allowPrivate: readonly string[];
  /** A host's addresses (DNS by default; tests name their own). */
  resolveHost?: (host: string) => Promise<string[]>;
}

/** Checks an allowance list as FEED_ALLOW_PRIVATE gives it; throws naming the bad entry. */
export function checkAllowPrivate(entries: readonly string[]): readonly string[] {
  for (const entry of entries) allowanceOf([entry]);
  return entries;
}

interface Allowance {
  addresses: BlockList;
  names: Set<string>;
}

function allowanceOf(entries: readonly string[]): Allowance {
  const addresses = new BlockList();
  const names = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === 'loopback') {
      addresses.addSubnet('127.0.0.0', 8, 'ipv4');
      addresses.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', bits] = entry.split('/');
    const version = isIP(address);
    if (version !== 0) {
      const type = version === 4 ? 'ipv4' : 'ipv6';
      const prefix = bits === undefined ? undefined : Number(bits);
      if (prefix === undefined) addresses.addAddress(address, type);
      else if (Number.isInteger(prefix) && prefix >= 0 && prefix <= (version === 4 ? 32 : 128))
        addresses.addSubnet(address, prefix, type);
      else throw new Error(`FEED_ALLOW_PRIVATE: "${raw}" is not an address range`);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry)) {
      names.add(entry);
    } else {
      throw new Error(
        `FEED_ALLOW_PRIVATE: "${raw}" is not loopback, an address, a range or a name`,
      );
    }
  }
  return { addresses, names };
}

const allowances = new WeakMap<readonly string[], Allowance>();

function allowanceFor(policy: FeedAddressPolicy): Allowance {
  let allowance = allowances.get(policy.allowPrivate);
  if (allowance === undefined) {
    allowance = allowanceOf(policy.allowPrivate);
    allowances.set(policy.allowPrivate, allowance);
  }
  return allowance;
}

function refusal(host: string, why: string): PorchlightError {
  return new PorchlightError(
    'PL_FEED_URL_REJECTED',
    `${host} ${why}; feeds are read from public addresses only, unless FEED_ALLOW_PRIVATE allows it.`,
  );
}

/** The first of `addresses` the policy does not let through, if any. */
function firstRefused(allowance: Allowance, addresses: readonly string[]): string | undefined {
  return addresses.find((address) => {
    const version = isIP(address);
    const allowed =
      version !== 0 && allowance.addresses.check(address, version === 4 ? 'ipv4' : 'ipv6');
    return isPrivateAddress(address) && !allowed;
  });
}

/**
 * Refuses a URL whose host is, or resolves to, a non-public address the operator has not
 * allowed (`PL_FEED_URL_REJECTED`). Every address a name resolves to must pass: a name with
 * one public and one private address is refused. A name that does not resolve is let through,
 * for the request to report it.
 */
export async function refuseUnlessPublic(url: URL, policy: FeedAddressPolicy): Promise<void> {
  const allowance = allowanceFor(policy);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowance.names.has(host.replace(/\.$/, ''))) return;
  if (isIP(host) !== 0) {
    if (firstRefused(allowance, [host]) !== undefined)
      throw refusal(url.host, 'is not a public address');
    return;
  }
  let addresses: string[];
  try {
    addresses = await (policy.resolveHost ?? resolveAll)(host);
  } catch {
    if (isLocalName(host)) throw refusal(url.host, 'is a local network name');
    return;
  }
  const hidden = firstRefused(allowance, addresses);
  if (hidden !== undefined)
    throw refusal(url.host, `resolves to ${hidden}, which is not a public address`);
}

/** An address as `net.connect`'s `lookup` hands it back. */
interface LookedUp {
  address: string;
  family: number;
}

/**
 * The `lookup` a feed connection makes with (`net.connect`'s option, through an undici `Agent`):
 * it resolves the host once, applies the same policy as {@link refuseUnlessPublic} to every
 * address, and hands exactly those addresses to the connection. The address checked is the
 * address connected to, so a name whose answer changes between the check and the connection
 * (DNS rebinding: public when asked first, 127.0.0.1 when asked again) cannot reach a private
 * one. A refusal fails the connection with PL_FEED_URL_REJECTED.
 */
export function feedConnectLookup(policy: FeedAddressPolicy) {
  const allowance = allowanceFor(policy);
  return (
    hostname: string,
    options: { family?: number | string | undefined; all?: boolean | undefined },
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookedUp[],
      family?: number,
    ) => void,
  ): void => {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const wanted =
      options.family === 6 || options.family === 'IPv6'
        ? 6
        : options.family === 4 || options.family === 'IPv4'
          ? 4
          : 0;
    void (policy.resolveHost ?? resolveAll)(host).then(
      (resolved) => {
        const addresses = resolved.filter(
          (a) => isIP(a) !== 0 && (wanted === 0 || isIP(a) === wanted),
        );
        const hidden = allowance.names.has(host.replace(/\.$/, ''))
          ? undefined
          : firstRefused(allowance, addresses);
        if (hidden !== undefined) {
          callback(refusal(hostname, `resolves to ${hidden}, which is not a public address`), []);
          return;
        }
        const first = addresses[0];
        if (first === undefined) {
          callback(
            Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
            [],
          );
          return;
        }
        if (options.all === true)
          callback(
            null,
            addresses.map((address) => ({ address, family: isIP(address) })),
          );
        else callback(null, first, isIP(first));
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
}

/**
 * How far a feed read may go, from the configuration: its size, its time, and (for feeds, HSDS
 * APIs and their redirects) public addresses only, unless FEED_ALLOW_PRIVATE allows one.
 */
export function feedLimits(
  config: Pick<Config, 'feedMaxBytes' | 'feedTimeoutMs' | 'feedAllowPrivate'>,
): FeedReadLimits {
  return {
    maxBytes: config.feedMaxBytes,
    timeoutMs: config.feedTimeoutMs,
    addresses: { allowPrivate: checkAllowPrivate(config.feedAllowPrivate) },
  };
}
