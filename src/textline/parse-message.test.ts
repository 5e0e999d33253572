import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse-message.js';

describe('reading a text', () => {
  it('reads the carrier keywords as the whole message only', () => {
    expect(parseMessage('stop')).toEqual({ kind: 'stop', language: 'en' });
    expect(parseMessage(' Stop. ')).toEqual({ kind: 'stop', language: 'en' });
    expect(parseMessage('UNSTOP')).toEqual({ kind: 'start', language: 'en' });
    expect(parseMessage('start')).toEqual({ kind: 'start', language: 'en' });
    expect(parseMessage('help')).toEqual({ kind: 'help', language: 'en' });
    expect(parseMessage('¡Ayuda!')).toEqual({ kind: 'help', language: 'es' });
    expect(parseMessage('MORE')).toEqual({ kind: 'more', language: 'en' });
    expect(parseMessage('más')).toEqual({ kind: 'more', language: 'es' });
    expect(parseMessage('')).toEqual({ kind: 'help', language: 'en' });
  });

  it('reads a ZIP code and filters in any order', () => {
    expect(parseMessage('women 01301 tonight NA')).toEqual({
      kind: 'search',
      language: 'en',
      place: '01301',
      filters: { types: ['women'], programs: ['na'], languages: [], day: { kind: 'tonight' } },
    });
    expect(parseMessage('01301 al-anon phone sat')).toMatchObject({
      place: '01301',
      filters: { programs: ['al-anon'], attendance: 'phone', day: { kind: 'weekday', day: 6 } },
    });
  });

  it('reads a town with its state, with or without the comma', () => {
    expect(parseMessage('Greenfield MA')).toMatchObject({ place: 'Greenfield, MA' });
    expect(parseMessage('greenfield, ma AA')).toMatchObject({
      place: 'Greenfield, MA',
      filters: { programs: ['aa'] },
    });
    expect(parseMessage('Turners Falls')).toMatchObject({ place: 'Turners Falls' });
  });

  it('answers in Spanish when the person writes Spanish', () => {
    expect(parseMessage('01301 mujeres mañana')).toMatchObject({
      language: 'es',
      filters: { types: ['women'], day: { kind: 'tomorrow' } },
    });
    expect(parseMessage('01301 en línea español')).toMatchObject({
      language: 'es',
      filters: { attendance: 'online', languages: ['es'] },
    });
    expect(parseMessage('01301 spanish')).toMatchObject({
      language: 'en',
      filters: { languages: ['es'] },
    });
    expect(parseMessage('01301', 'es')).toMatchObject({ language: 'es' });
  });

  it('keeps filters without a place for the last place searched', () => {
    const request = parseMessage('LGBTQ young');
    expect(request).toEqual({
      kind: 'search',
      language: 'en',
      filters: { types: ['lgbtq', 'young_people'], programs: [], languages: [] },
    });
  });
});

describe('reading a ride by text', () => {
  it('reads RIDE (or VIAJE) with a place, alone, or with the number of a meeting listed', () => {
    expect(parseMessage('ride 01301')).toEqual({ kind: 'ride', language: 'en', place: '01301' });
    expect(parseMessage('Ride greenfield ma')).toEqual({
      kind: 'ride',
      language: 'en',
      place: 'Greenfield, MA',
    });
    expect(parseMessage('RIDE')).toEqual({ kind: 'ride', language: 'en' });
    expect(parseMessage('ride 2')).toEqual({ kind: 'ride', language: 'en', choice: 2 });
    expect(parseMessage('viaje 1')).toEqual({ kind: 'ride', language: 'es', choice: 1 });
    expect(parseMessage('Viaje 01301')).toMatchObject({ kind: 'ride', language: 'es' });
  });

  it('reads six digits alone as a code, and five as a ZIP code', () => {
    expect(parseMessage(' 123456 ')).toEqual({ kind: 'code', language: 'en', code: '123456' });
    expect(parseMessage('123 456')).toMatchObject({ kind: 'code', code: '123 456' });
    expect(parseMessage('01301')).toMatchObject({ kind: 'search', place: '01301' });
  });
});
