/**
 * Every link a page builds from imported data goes through here. Feeds are untrusted: only
 * http(s) and tel links ever become an href; anything else stays text or disappears.
 */
import { checkWebLink, cleanDialString } from '../meetings/links.js';

/** The URL when it is an absolute http(s) link we are willing to vouch for, else undefined. */
export function safeWebHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const check = checkWebLink(url);
  return check.ok ? check.url : undefined;
}

/**
 * A one-tap `tel:` link from a dial string, pauses and tones kept (`+14135550100,,123#`), or
 * undefined when it holds no phone number. `#` is percent-encoded: in a URI it would start a
 * fragment and the dialler would never see the passcode's terminator.
 */
export function telHref(dial: string | undefined): string | undefined {
  if (dial === undefined) return undefined;
  const clean = cleanDialString(dial);
  return clean === undefined ? undefined : `tel:${clean.replace(/#/g, '%23')}`;
}

/** A dial string split for display: the number people read, and the codes the link dials after it. */
export interface DialDisplay {
  number: string;
  /** Meeting id, passcode and the like, in dialling order ("123456#", "7890#"); may be empty. */
  codes: string[];
}

/** How a dial string reads on the page: `+14135550100,,123#` -> "(413) 555-0100" and ["123#"]. */
export function displayDial(dial: string | undefined): DialDisplay | undefined {
  if (dial === undefined) return undefined;
  const clean = cleanDialString(dial);
  if (clean === undefined) return undefined;
  const [number = '', ...rest] = clean.split(',');
  return { number: formatPhoneNumber(number), codes: rest.filter((code) => code !== '') };
}

/** North American numbers as people write them; others in international form, ungrouped. */
export function formatPhoneNumber(number: string): string {
  const nanp = /^(?:\+?1)?(\d{3})(\d{3})(\d{4})$/.exec(number);
  if (nanp !== null) return `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  return number;
}

/**
 * Directions to a point on OpenStreetMap. A link to another origin is fine (the person chooses to
 * follow it); the page itself never requests anything from there.
 */
export function directionsHref(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/directions?to=${latitude},${longitude}`;
}
