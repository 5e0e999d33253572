import { describe, expect, it } from 'vitest';
import {
  PorchlightError,
  errorCatalogue,
  feedProblemCatalogue,
  type ErrorCode,
  type FeedProblem,
} from '../../platform/errors.js';
import { compileCatalogue } from './translator.js';
import { errorMessage, errorMessages, problemMessage } from './error-messages.js';

const said = (error: PorchlightError) => ({
  code: error.code,
  message: error.message,
  params: error.params,
});

describe('error messages', () => {
  it('compile as ICU in both languages, with the same placeholders', () => {
    const en = compileCatalogue(errorMessages.en);
    const es = compileCatalogue(errorMessages.es);
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const id of Object.keys(en)) {
      const names = (compiled: unknown) =>
        Array.isArray(compiled)
          ? compiled.filter(Array.isArray).map((token) => String((token as unknown[])[0]))
          : [];
      expect(names(es[id]).sort(), id).toEqual(names(en[id]).sort());
    }
  });

  it('say a template with its parameters in English as thrown, and in Spanish', () => {
    const error = new PorchlightError('PL_MEETING_NOT_FOUND', { slug: 'big-book' });
    expect(error.message).toBe('No meeting has the slug "big-book".');
    expect(errorMessage('en', said(error))).toBe('No meeting has the slug "big-book".');
    expect(errorMessage('es', said(error))).toBe(
      'Ninguna reunión tiene el identificador «big-book».',
    );
  });

  it('say the catalogue’s Spanish for an English account only the thrower gives', () => {
    const error = new PorchlightError('PL_FEED_NOT_CSV', 'The file has no header row.');
    expect(errorMessage('en', said(error))).toBe('The file has no header row.');
    expect(errorMessage('es', said(error))).toBe(
      'El feed no es una tabla CSV con una fila de encabezados.',
    );
    const plain = new PorchlightError('PL_SOURCE_NOT_FOUND');
    expect(plain.message).toBe(errorCatalogue.PL_SOURCE_NOT_FOUND.message);
    expect(errorMessage('es', said(plain))).toBe('Ninguna fuente tiene este nombre.');
  });

  it('leave a stored code the catalogue no longer has as it was said', () => {
    const stored = { code: 'PL_GONE' as ErrorCode, message: 'Old words.' };
    expect(errorMessage('es', stored)).toBe('Old words.');
  });

  it('say a problem in Spanish, keeping a quoted value but no English detail', () => {
    const problem = (code: FeedProblem['code'], detail?: string): FeedProblem => ({
      index: -1,
      code,
      severity: feedProblemCatalogue[code].severity,
      message: `${feedProblemCatalogue[code].message}${detail === undefined ? '' : ` (${detail})`}`,
    });
    const quoted = problem('PL_INVALID_TIME', '"25:99"');
    expect(problemMessage('en', quoted)).toBe('The time is not a time of day. ("25:99")');
    expect(problemMessage('es', quoted)).toBe('La hora no es una hora del día. ("25:99")');
    const worded = problem('PL_INVALID_FIELD', 'not an email address');
    expect(problemMessage('es', worded)).toBe(
      'El campo tiene un valor de tipo incorrecto y se descartó.',
    );
  });
});
