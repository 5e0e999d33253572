/**
 * Feeds are untrusted: script payloads in any field must come out as inert text, and only
 * http(s), tel and sms links (and our own paths) may ever become an href. The meeting here skips
 * the importer's own URL checks, so the page is tested as the last line of defence.
 */
import { describe, expect, it } from 'vitest';
import { makeMeeting } from '../../test/factories/meeting.js';
import type { Meeting } from '../meetings/model.js';
import { MeetingPage } from './meeting-page.js';
import { pageContext } from './page-context.js';
import { renderPage } from './render-page.js';

const script = '<script>alert(1)</script>';
const breakout = '"><img src=x onerror=alert(1)>';
const jsUrl = 'javascript:alert(document.cookie)';

const hostile: Meeting = makeMeeting({
  name: `${script}${breakout}`,
  slug: 'hostile',
  notes: `${breakout} ${script}`,
  types: [script, 'O'],
  languages: [script, 'en'],
  place: {
    name: script,
    address: { street: breakout },
    formattedAddress: `${script}, Greenfield, MA 01301, USA`,
    latitude: 42.5,
    longitude: -72.5,
    approximate: false,
    notes: breakout,
    accessibilityNotes: script,
    regions: [],
  },
  online: {
    url: jsUrl,
    provider: script,
    urlNotes: script,
    phone: `${jsUrl}`,
    phoneNotes: breakout,
  },
  group: {
    name: script,
    notes: breakout,
    website: 'JaVaScRiPt:alert(1)',
    contacts: [{ name: script, email: breakout, phone: `+14135550100,${script}` }],
    contactsPublic: true,
  },
  contributions: [
    { kind: 'url', value: jsUrl },
    { kind: 'venmo', value: script },
  ],
  entity: { name: script, url: 'data:text/html,<script>alert(1)</script>' },
});

function render(meeting: Meeting, locale: 'en' | 'es' = 'en'): string {
  const ctx = pageContext({
    locale,
    path: `/meetings/${meeting.slug}`,
    keptQuery: '',
    publicUrl: 'https://meetings.example.org',
    negotiated: false,
  });
  return renderPage(
    <MeetingPage
      ctx={ctx}
      meeting={meeting}
      source={{ name: script }}
      now={Date.parse('2026-11-01T12:00:00Z')}
      viewerZone={script}
    />,
  );
}

/** Every tag of the document, with its attributes (values unescaped of &quot; only). */
function tags(html: string): { name: string; attributes: [string, string][] }[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    (m) => ({
      name: m[1]!.toLowerCase(),
      attributes: [...m[2]!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => [
        a[1]!.toLowerCase(),
        (a[2] ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
      ]),
    }),
  );
}

const allowedTags = new Set(
  (
    'html head meta title style link body a aside span header nav ul li main h1 h2 h3 p section ' +
    'ol time br strong dl dt dd label input form fieldset legend textarea div button footer'
  ).split(' '),
);

describe('a meeting page built from hostile data', () => {
  for (const locale of ['en', 'es'] as const) {
    it(`renders payloads as text only (${locale})`, () => {
      const html = render(hostile, locale);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).toContain('&lt;script>alert(1)&lt;/script>');

      const found = tags(html);
      expect(found.filter((t) => t.name === 'a').length).toBeGreaterThan(8);
      for (const tag of found) {
        expect(allowedTags, `unexpected <${tag.name}>`).toContain(tag.name);
        for (const [name, value] of tag.attributes) {
          expect(name.startsWith('on'), `event handler ${name}`).toBe(false);
          if (name === 'href' || name === 'action' || name === 'src') {
            expect(value, `${name}="${value}"`).toMatch(/^(\/|#|https?:\/\/|tel:|sms:)/);
            expect(value.toLowerCase()).not.toContain('javascript:');
          }
        }
      }
      // The unsafe links did not become links at all.
      expect(html).not.toContain('Join online');
      expect(html).not.toContain('data:text/html');
    });
  }

  it('keeps the page working: the contact phone still dials, safely', () => {
    const html = render(hostile);
    expect(html).toContain('href="tel:+14135550100,1"');
  });

  it('renders no client script at all on an ordinary page', () => {
    const html = render(makeMeeting());
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('href="https://zoom.us/j/85551234567"');
    expect(html).toContain('href="tel:+16465588656,,85551234567%23,,,,1234%23"');
  });
});
