import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator.js';
import {
  fallbackKind,
  fallbackView,
  formatDistance,
  type PresentedFallback,
} from './fallback-view.js';
import type { PresentedResult } from './result-view.js';

const en = { t: translator('en'), locale: 'en' };
const es = { t: translator('es'), locale: 'es' };

function meeting(overrides: Partial<PresentedResult>): PresentedResult {
  return {
    slug: 'x',
    url: 'https://meetings.example.org/meetings/x',
    name: 'X',
    program: 'aa',
    attendance: 'online',
    status: 'active',
    timeZone: 'America/New_York',
    approximate: true,
    wheelchairAccessible: false,
    hasOnlineLink: true,
    hasPhone: false,
    types: ['W'],
    languages: ['en'],
    focus: ['alcohol'],
    ...overrides,
  };
}

const online = meeting({ hasOnlineLink: true, hasPhone: true });
const phone = meeting({ hasOnlineLink: false, hasPhone: true });
const athol = meeting({ attendance: 'in_person', city: 'Athol', distance: 38 });

function fallback(overrides: Partial<PresentedFallback> = {}): PresentedFallback {
  return {
    reason: 'few_in_person',
    message: 'ignored: the page says it in its own language',
    inPersonWithinRadius: 0,
    threshold: 5,
    radius: 25,
    nearestBeyond: [{ ...athol, alsoMeets: [] }],
    remote: [
      ...[1, 2, 3, 4, 5, 6].map((n) => ({ ...online, slug: `online-${n}` })),
      { ...phone, slug: 'phone-1' },
      { ...phone, slug: 'phone-2' },
    ],
    relaxed: { nearestBeyond: ['radius'], remote: [] },
    ...overrides,
  };
}

describe('the kind of meeting the fallback sentence names', () => {
  it('names a group only when it is the whole tailoring of the search', () => {
    expect(fallbackKind({ near: '01301', types: 'women' })).toBe('women');
    expect(fallbackKind({ near: '01301', types: 'young-people' })).toBe('young_people');
    // A program's own code for women, in any program that has it.
    expect(fallbackKind({ near: '01301', types: 'W' })).toBe('women');
    expect(fallbackKind({ near: '01301', program: 'aa', types: 'W' })).toBe('filtered');
    expect(fallbackKind({ near: '01301', types: 'women,beginners' })).toBe('filtered');
    expect(fallbackKind({ near: '01301', types: 'women', day: '2' })).toBe('filtered');
  });

  it('is plain without tailoring: place, distance, ways of attending and order do not count', () => {
    expect(
      fallbackKind({ near: '01301', radius: '5', attendance: 'in_person', sort: 'distance' }),
    ).toBe('plain');
    expect(fallbackKind({ near: '01301', q: 'speaker' })).toBe('filtered');
  });
});

describe('the fallback in words', () => {
  it('says how few rooms matched, where the nearest is, and what else is listed (English)', () => {
    const view = fallbackView(fallback(), { near: 'Colrain, MA', types: 'women' }, 'mi', en);
    expect(view.summary).toBe('No women’s meeting in person within 25 miles.');
    expect(view.nearest).toBe('The nearest is 38 miles away, in Athol.');
    expect(view.remote).toBe(
      'Also listed: 6 online meetings and 2 phone meetings for women, which you can join from anywhere.',
    );
    expect(view.relaxedBeyond).toBe(
      'For the rooms further away, we set aside the distance; everything else you asked for still applies.',
    );
    expect(view.relaxedRemote).toBe(
      'For the online and phone meetings, every filter you chose still applies.',
    );
  });

  it('names the tailored groups small places lack most, in both languages', () => {
    const view = (types: string, speech = en) =>
      fallbackView(fallback({ remote: [online] }), { near: 'Colrain, MA', types }, 'mi', speech);
    expect(view('veterans').summary).toBe('No meeting for veterans in person within 25 miles.');
    expect(view('people_of_color').remote).toBe(
      'Also listed: 1 online meeting for people of color, which you can join from anywhere.',
    );
    expect(view('indigenous').summary).toBe(
      'No meeting for Native American and Indigenous people in person within 25 miles.',
    );
    expect(view('seniors', es).summary).toBe(
      'No hay ninguna reunión presencial para personas mayores a menos de 25 millas.',
    );
    expect(view('black', es).remote).toBe(
      'También aparece 1 reunión en línea para personas negras, a la que puede unirse desde cualquier lugar.',
    );
    // AA's own code for Native American groups means the same tag.
    expect(fallbackKind({ near: '01301', types: 'N' })).toBe('indigenous');
  });

  it('says the same in Spanish, with kilometres when asked', () => {
    const view = fallbackView(
      fallback({ radius: 40, nearestBeyond: [{ ...athol, distance: 6.2, alsoMeets: [] }] }),
      { near: 'Colrain, MA', types: 'women', units: 'km' },
      'km',
      es,
    );
    expect(view.summary).toBe(
      'No hay ninguna reunión presencial de mujeres a menos de 40 kilómetros.',
    );
    expect(view.nearest).toBe('La más cercana está a 6,2 kilómetros, en Athol.');
    expect(view.remote).toBe(
      'También aparecen 6 reuniones en línea y 2 reuniones por teléfono para mujeres, a las que puede unirse desde cualquier lugar.',
    );
  });

  it('states exactly which constraints the online and phone meetings set aside', () => {
    const relaxed = { nearestBeyond: ['radius'], remote: ['attendance', 'text', 'wheelchair'] };
    const params = { near: '01301', attendance: 'in_person', q: 'speaker', wheelchair: 'true' };
    expect(fallbackView(fallback({ relaxed }), params, 'mi', en).relaxedRemote).toBe(
      'For the online and phone meetings, we set aside meeting in person, your search words, and wheelchair access; everything else you asked for still applies.',
    );
    expect(fallbackView(fallback({ relaxed }), params, 'mi', es).relaxedRemote).toBe(
      'Para las reuniones en línea y por teléfono dejamos de lado la asistencia en persona, sus palabras de búsqueda y el acceso en silla de ruedas; todo lo demás que pidió se mantiene.',
    );
  });

  it('counts the rooms found in both languages', () => {
    const params = { near: '01301', program: 'na' };
    const one = fallback({ inPersonWithinRadius: 1, remote: [phone] });
    expect(fallbackView(one, params, 'mi', en).summary).toBe(
      'Only one in-person meeting matches your search within 25 miles.',
    );
    expect(fallbackView(one, params, 'mi', en).remote).toBe(
      'Also listed: 1 phone meeting that keeps the rest of your search, which you can join from anywhere.',
    );
    expect(fallbackView(one, params, 'mi', es).remote).toBe(
      'También aparece 1 reunión por teléfono que respeta el resto de su búsqueda, a la que puede unirse desde cualquier lugar.',
    );
    const three = fallback({ inPersonWithinRadius: 3 });
    expect(fallbackView(three, { near: '01301' }, 'mi', en).summary).toBe(
      'Only 3 in-person meetings within 25 miles.',
    );
    expect(fallbackView(three, { near: '01301' }, 'mi', es).summary).toBe(
      'Solo hay 3 reuniones presenciales a menos de 25 millas.',
    );
  });

  it('counts the online and phone meetings the page lists, each once, among the results too', () => {
    // Far from any room, the results are the online meetings; the fallback repeats the soonest.
    const results = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((n) => ({
      ...online,
      slug: `online-${n}`,
    }));
    const view = fallbackView(fallback(), { near: '-33.57,18.48' }, 'mi', en, [
      ...results,
      { ...athol, slug: 'athol' },
    ]);
    expect(view.remote).toBe(
      'Also listed: 16 online meetings and 2 phone meetings, which you can join from anywhere.',
    );
  });

  it('leaves out what it has nothing to say about', () => {
    const view = fallbackView(
      fallback({ nearestBeyond: [], remote: [] }),
      { near: '-33.57,18.48' },
      'mi',
      en,
    );
    expect(view).toEqual({ summary: 'No in-person meeting within 25 miles.' });
    const noTown = fallbackView(
      fallback({
        nearestBeyond: [{ ...meeting({ attendance: 'in_person', distance: 38 }), alsoMeets: [] }],
      }),
      { near: '01301' },
      'mi',
      en,
    );
    expect(noTown.nearest).toBe('The nearest is 38 miles away.');
  });
});

describe('distances', () => {
  it('are written as the locale writes them', () => {
    expect(formatDistance(3.25, 'mi', 'en', 'short')).toBe('3.3 mi');
    expect(formatDistance(1, 'mi', 'en', 'long')).toBe('1 mile');
    expect(formatDistance(3.2, 'km', 'es', 'short')).toBe('3,2 km');
  });

  it('follow the one rounding rule whatever rounding they came with', () => {
    expect(formatDistance(24.9, 'mi', 'en', 'long')).toBe('25 miles');
    expect(formatDistance(18.1, 'mi', 'en', 'short')).toBe('18 mi');
    expect(formatDistance(9.94, 'km', 'es', 'short')).toBe('9,9 km');
  });
});
