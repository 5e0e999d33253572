import { describe, expect, it } from 'vitest';
import {
  languageFromMeetingGuideCode,
  meetingGuideCodeForLanguage,
  meetingGuideLanguageCodes,
  normaliseLanguageTag,
} from './languages.js';

describe('Meeting Guide language codes', () => {
  it('maps the spec language codes to BCP-47 tags', () => {
    expect(languageFromMeetingGuideCode('EN')).toBe('en');
    expect(languageFromMeetingGuideCode('S')).toBe('es');
    expect(languageFromMeetingGuideCode('ASL')).toBe('ase');
    expect(languageFromMeetingGuideCode('POL')).toBe('pl');
    expect(languageFromMeetingGuideCode('POR')).toBe('pt');
    expect(languageFromMeetingGuideCode('PUN')).toBe('pa');
    expect(languageFromMeetingGuideCode('RUS')).toBe('ru');
    expect(languageFromMeetingGuideCode('ITA')).toBe('it');
    expect(languageFromMeetingGuideCode('KOR')).toBe('ko');
    expect(languageFromMeetingGuideCode('TUR')).toBe('tr');
    expect(languageFromMeetingGuideCode('LT')).toBe('lt');
    expect(languageFromMeetingGuideCode('IS')).toBe('is');
    expect(languageFromMeetingGuideCode('TL')).toBe('fil');
    expect(languageFromMeetingGuideCode('UK')).toBe('uk');
  });

  it('has the 39 language codes of the spec', () => {
    expect(meetingGuideLanguageCodes).toHaveLength(39);
  });

  it('matches codes case-insensitively and accepts the stray ES for Spanish', () => {
    expect(languageFromMeetingGuideCode('fr')).toBe('fr');
    expect(languageFromMeetingGuideCode('Asl')).toBe('ase');
    expect(languageFromMeetingGuideCode('ES')).toBe('es');
    expect(meetingGuideCodeForLanguage('es')).toBe('S');
  });

  it('returns undefined for codes that are not languages', () => {
    for (const code of ['LIT', 'TR', 'N', 'NDG', 'H', 'O', 'W', 'ONL', '', 'XYZ']) {
      expect(languageFromMeetingGuideCode(code), code).toBeUndefined();
    }
  });

  it('round-trips every language code', () => {
    for (const code of meetingGuideLanguageCodes) {
      const tag = languageFromMeetingGuideCode(code);
      expect(tag, code).toBeDefined();
      expect(normaliseLanguageTag(tag!), code).toBe(tag);
      expect(meetingGuideCodeForLanguage(tag!), code).toBe(code);
    }
  });

  it('finds the code for a tag by its primary subtag', () => {
    expect(meetingGuideCodeForLanguage('en-US')).toBe('EN');
    expect(meetingGuideCodeForLanguage('es-419')).toBe('S');
    expect(meetingGuideCodeForLanguage('fr-CA')).toBe('FR');
    expect(meetingGuideCodeForLanguage('pa-Guru-IN')).toBe('PUN');
    expect(meetingGuideCodeForLanguage('PT-br')).toBe('POR');
    expect(meetingGuideCodeForLanguage('ase')).toBe('ASL');
    expect(meetingGuideCodeForLanguage('sgn-US')).toBe('ASL');
    expect(meetingGuideCodeForLanguage('iw')).toBe('HE');
    expect(meetingGuideCodeForLanguage('tl')).toBe('TL');
    expect(meetingGuideCodeForLanguage('nb')).toBe('NO');
  });

  it('returns undefined for languages without a code and for garbage', () => {
    expect(meetingGuideCodeForLanguage('zh-Hant')).toBeUndefined();
    expect(meetingGuideCodeForLanguage('not a tag')).toBeUndefined();
    expect(meetingGuideCodeForLanguage('')).toBeUndefined();
  });
});

describe('normaliseLanguageTag', () => {
  it('canonicalises well-formed tags', () => {
    expect(normaliseLanguageTag('EN-us')).toBe('en-US');
    expect(normaliseLanguageTag('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(normaliseLanguageTag('es-419')).toBe('es-419');
    expect(normaliseLanguageTag(' fr ')).toBe('fr');
    expect(normaliseLanguageTag('en_GB')).toBe('en-GB');
    expect(normaliseLanguageTag('iw')).toBe('he');
  });

  it('rejects garbage', () => {
    for (const bad of [
      '',
      '   ',
      'x',
      '123',
      'en--US',
      'english language',
      'toolongsubtag',
      '-en',
      'en-',
    ]) {
      expect(normaliseLanguageTag(bad), bad).toBeUndefined();
    }
  });
});
