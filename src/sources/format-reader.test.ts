import { describe, expect, it } from 'vitest';
import { detectFormat } from './format-reader.js';

describe('detectFormat', () => {
  it('tells BMLT root servers and CSV links by their address', () => {
    expect(detectFormat('https://bmlt.example.org/main_server/', undefined)).toBe('bmlt');
    expect(detectFormat('https://bmlt.example.org/main_server/?services=3', undefined)).toBe(
      'bmlt',
    );
    expect(
      detectFormat(
        'https://x.org/main_server/client_interface/json/?switcher=GetSearchResults',
        undefined,
      ),
    ).toBe('bmlt');
    expect(detectFormat('meetings.CSV', undefined)).toBe('csv');
    expect(
      detectFormat(
        'https://docs.google.com/spreadsheets/d/e/2PACX-1/pub?gid=0&single=true&output=csv',
        undefined,
      ),
    ).toBe('csv');
    expect(detectFormat('https://x.org/feed.json', undefined)).toBeUndefined();
  });

  it('tells the format from the start of the content', () => {
    expect(detectFormat('feed', '\uFEFF  [{"name": "x", "slug": "x"}]')).toBe('meeting-guide');
    expect(detectFormat('saved', '[{"id_bigint":"1","weekday_tinyint":"2"}]')).toBe('bmlt');
    expect(
      detectFormat('saved', '{"meetings":[{"id_bigint":"1","weekday_tinyint":"2"}],"formats":[]}'),
    ).toBe('bmlt');
    expect(detectFormat('sheet', '\uFEFF"Time","End Time","Day","Name"\r\n')).toBe('csv');
    expect(detectFormat('sheet', 'name,day,time\n')).toBe('csv');
    expect(detectFormat('page', '<!doctype html><title>Hi</title>')).toBeUndefined();
    expect(detectFormat('other', 'a,b,c\n1,2,3')).toBeUndefined();
    expect(detectFormat('object', '{"meetings": []}')).toBeUndefined();
  });
});
