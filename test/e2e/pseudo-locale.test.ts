/**
 * The finder and a meeting page in the pseudo-locale (decision 0144) at 360 px: every word a
 * reader sees comes from a catalogue (bracketed, accented), the meetings' own data or `Intl`,
 * and no control is clipped or pushed past the screen by text a third longer than English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Meeting } from '../../src/meetings/model.js';
import { programs } from '../../src/meetings/programs.js';
import { createTestApp } from '../support/app.js';
import { hasChromium, launchChromium } from './browser.js';

const WIDTH = 360;

/**
 * Every string a page may show that no catalogue holds: the meetings' own words, and the
 * programs' names and type vocabularies (translated by the vocabulary where it has the language,
 * English where it has not, as the Meeting Guide spec does).
 */
function dataStrings(meetings: readonly Meeting[]): string[] {
  const strings = new Set<string>();
  for (const program of programs) {
    strings.add(program.name);
    for (const type of program.types.values()) strings.add(type.names.en);
  }
  const add = (value: unknown) => {
    // Codes ('O', 'en', 'in_person') are never shown as they are, and would cut words apart.
    if (typeof value === 'string' && value.trim().length >= 3 && !/^[a-z0-9_-]+$/.test(value))
      strings.add(value.trim());
    else if (Array.isArray(value)) value.forEach(add);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(add);
  };
  for (const meeting of meetings) add(meeting);
  // Longest first, so a name is removed before a word inside it.
  return [...strings].sort((a, b) => b.length - a.length);
}

/**
 * Words `Intl` writes in English for the pseudo-locale: day, month, zone, language and unit
 * names, AM/PM, the words of lists.
 */
function intlWords(meetings: readonly Meeting[]): Set<string> {
  const words = new Set<string>(['AM', 'PM', 'and', 'or']);
  const addAll = (text: string | undefined) => {
    for (const word of (text ?? '').split(/[^A-Za-z]+/)) if (word !== '') words.add(word);
  };
  const languages = new Intl.DisplayNames('en', { type: 'language', fallback: 'code' });
  for (const meeting of meetings) for (const tag of meeting.languages) addAll(languages.of(tag));
  for (const unit of ['hour', 'minute', 'mile', 'kilometer', 'day'])
    for (const n of [1, 2])
      addAll(new Intl.NumberFormat('en', { style: 'unit', unit, unitDisplay: 'long' }).format(n));
  const day = new Date(Date.UTC(2026, 0, 4));
  for (let i = 0; i < 12; i++) {
    const at = new Date(Date.UTC(2026, i, 4 + (i % 7)));
    for (const style of ['long', 'short'] as const) {
      words.add(new Intl.DateTimeFormat('en', { month: style, timeZone: 'UTC' }).format(at));
      words.add(
        new Intl.DateTimeFormat('en', { weekday: style, timeZone: 'UTC' }).format(
          new Date(day.getTime() + i * 86_400_000),
        ),
      );
    }
  }
  for (const zone of ['America/New_York', 'America/Chicago', 'America/Denver', 'UTC'])
    for (const style of ['long', 'short', 'longGeneric', 'shortGeneric'] as const)
      for (const part of new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: style })
        .formatToParts(day)
        .filter((p) => p.type === 'timeZoneName'))
        addAll(part.value);
  return words;
}

describe.skipIf(!hasChromium)('the pseudo-locale in Chromium at 360 px', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let meeting: Meeting;
  let data: string[];
  let intl: Set<string>;

  beforeAll(async () => {
    app = await createTestApp({ demo: true, pseudoLocale: true });
    base = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const meetings = await app.repos.meetings.all();
    data = dataStrings(meetings);
    intl = intlWords(meetings);
    meeting = meetings.find(
      (m) => m.online.url !== undefined && !m.place.approximate && m.status === 'active',
    )!;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: WIDTH, height: 740 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en-xa');
    return page;
  }

  /** What a reader sees: text nodes of rendered elements, and the words controls carry. */
  function visibleTexts(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const texts: string[] = [];
      const shown = (el: Element) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return (
          box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.opacity !== '0'
        );
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent === null || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName))
          continue;
        if (parent.closest('.sr-only, .visually-hidden') === null && !shown(parent)) continue;
        // Words marked as another language (the switcher's names, each in itself) are meant so.
        if (parent.closest('[lang]') !== document.documentElement) continue;
        const text = (node.textContent ?? '').trim();
        if (text !== '') texts.push(text);
      }
      for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]'))
        for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
          const value = el.getAttribute(name);
          if (value !== null && value.trim() !== '') texts.push(value.trim());
        }
      // A closed select draws no box for its options, but a reader opens it.
      for (const option of document.querySelectorAll('option'))
        if ((option.textContent ?? '').trim() !== '') texts.push((option.textContent ?? '').trim());
      for (const input of document.querySelectorAll<HTMLInputElement>(
        'input[type=submit], input[type=button]',
      ))
        if (input.value.trim() !== '') texts.push(input.value.trim());
      texts.push(document.title);
      return texts;
    });
  }

  /** The English left in a text once catalogue words, data and Intl's words are taken out. */
  function untranslated(text: string): string[] {
    let rest = text;
    // Innermost brackets first: a message may hold a value that is itself a message.
    for (let before = ''; before !== rest;) {
      before = rest;
      rest = rest.replace(/\[[^[\]]*\]/g, ' ');
    }
    for (const value of data) if (rest.includes(value)) rest = rest.split(value).join(' ');
    return (rest.match(/[A-Za-z]{3,}/g) ?? []).filter(
      (word) => !intl.has(word) && !/^(?:https?|www|com|org)$/.test(word),
    );
  }

  /** Controls clipped by their own box, or reaching past the screen's edge. */
  function clippedControls(page: Page): Promise<string[]> {
    return page.evaluate((width) => {
      const clipped: string[] = [];
      const name = (el: Element) =>
        `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)}"`;
      if (document.documentElement.scrollWidth > width)
        clipped.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
      for (const el of document.querySelectorAll(
        'a, button, label, summary, legend, input[type=submit], input[type=button], h1, h2, h3',
      )) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        // Wholly off the screen is how the skip link and the honeypot hide; partly is clipping.
        const partly =
          (box.left < -1 && box.right > 0) || (box.right > width + 1 && box.left < width);
        if (partly) clipped.push(`${name(el)} reaches past the edge`);
        const style = getComputedStyle(el);
        const hides = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
        if (hides && el.scrollWidth > el.clientWidth + 1) clipped.push(`${name(el)} is clipped`);
      }
      return clipped;
    }, WIDTH);
  }

  for (const [what, path] of [
    ['the finder', () => '/en-xa/'],
    ['a meeting page', () => `/en-xa/meetings/${meeting.slug}`],
  ] as const) {
    it(`shows no untranslated English on ${what}`, async () => {
      const page = await open(path());
      const english = (await visibleTexts(page)).flatMap((text) =>
        untranslated(text).map((word) => `${word} in "${text.slice(0, 60)}"`),
      );
      expect(english).toEqual([]);
      await page.close();
    });

    it(`clips no control on ${what}`, async () => {
      const page = await open(path());
      expect(await clippedControls(page)).toEqual([]);
      await page.close();
    });
  }

  it('is not offered: no switcher link, no alternate, not chosen by Accept-Language', async () => {
    const page = await open('/en-xa/');
    expect(await page.locator('a[hreflang="en-xa"], link[hreflang="en-xa"]').count()).toBe(0);
    await page.close();
    const response = await fetch(`${base}/`, { headers: { 'accept-language': 'en-XA' } });
    expect(await response.text()).toContain('<html lang="en">');
  });
});
