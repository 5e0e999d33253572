import type { Address } from './model.js';

/**
 * Splits a formatted address ("3186 Pullman St, Costa Mesa, CA 92626, USA") into parts, the
 * way geocoders write US and Canadian addresses; anything it cannot place stays in `street`.
 */
export function splitFormattedAddress(formatted: string): Address {
  const parts = formatted
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const address: Address = {};
  if (parts.length >= 2 && /^[\p{L} .]+$/u.test(parts.at(-1)!) && looksLikeCountry(parts.at(-1)!)) {
    address.country = parts.pop()!;
  }
  const last = parts.at(-1);
  const regionPostal =
    last === undefined ? null : /^([\p{L} .]+?)\s+([\dA-Z][\dA-Z -]{2,9})$/u.exec(last);
  if (regionPostal && parts.length >= 2) {
    parts.pop();
    address.region = regionPostal[1]!;
    address.postalCode = regionPostal[2]!;
  } else if (
    parts.length >= 3 &&
    last !== undefined &&
    /^[A-Z]\d[A-Z] ?\d[A-Z]\d$|^\d{5}(-\d{4})?$/.test(last)
  ) {
    address.postalCode = parts.pop()!;
    address.region = parts.pop()!;
  } else if (
    parts.length >= 3 ||
    (parts.length === 2 && last !== undefined && /^[A-Z]{2,3}$/.test(last))
  ) {
    // "Greenfield, MA": a bare state or province code is a region, not a city.
    address.region = parts.pop()!;
  }
  // The part just before a region is its town, even with no street before it ("Greenfield, MA, USA").
  if (
    parts.length >= 2 ||
    (address.region !== undefined && parts.length === 1 && !/\d/.test(parts[0]!))
  ) {
    address.city = parts.pop()!;
  }
  if (parts.length > 0) address.street = parts.join(', ');
  return address;
}

const countries = new Set([
  'usa',
  'us',
  'united states',
  'united states of america',
  'canada',
  'mexico',
  'méxico',
  'uk',
  'united kingdom',
  'ireland',
  'australia',
  'new zealand',
  'germany',
  'deutschland',
  'france',
  'spain',
  'españa',
  'puerto rico',
]);

function looksLikeCountry(text: string): boolean {
  return countries.has(text.toLowerCase());
}

/** Joins address parts the way the Meeting Guide format's `formatted_address` expects. */
export function formatAddress(address: Address): string | undefined {
  const regionPostal = [address.region, address.postalCode].filter(Boolean).join(' ');
  const parts = [address.street, address.city, regionPostal, address.country].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * True when a formatted address names only an area, not a door: fewer than four comma-separated
 * parts ("Greenfield, MA, USA"). This is the rule the Meeting Guide clients apply.
 */
export function looksApproximate(formatted: string | undefined): boolean {
  if (formatted === undefined) return true;
  return formatted.split(',').filter((p) => p.trim() !== '').length < 4;
}
