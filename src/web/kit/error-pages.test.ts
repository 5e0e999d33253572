import { describe, expect, it } from 'vitest';
import { errorWords } from './error-pages.js';

describe('errorWords', () => {
  it('gives a code its own words, whatever the status it arrives with', () => {
    expect(errorWords('PL_CSRF_REJECTED', 403)).toEqual([
      'account.error.csrf.title',
      'account.error.csrf.body',
    ]);
    expect(errorWords('PL_BODY_TOO_LARGE', 413)[1]).toBe('account.error.tooLarge.body');
  });

  it('gives any other code the words of its status', () => {
    expect(errorWords('PL_SOURCE_NOT_FOUND', 404)[0]).toBe('account.error.notFound.title');
    expect(errorWords('PL_NOTHING_HELD', 409)[0]).toBe('edit.error.conflict.title');
    expect(errorWords('PL_RATE_LIMITED', 429)[0]).toBe('error.rateLimited.title');
    expect(errorWords('PL_INTERNAL', 500)[0]).toBe('error.internal.title');
    expect(errorWords('PL_FEED_TIMEOUT', 504)[0]).toBe('error.internal.title');
    expect(errorWords('PL_INVALID_QUERY', 400)[0]).toBe('error.badRequest.title');
    expect(errorWords('PL_INVALID_BODY', 415)[0]).toBe('error.badRequest.title');
  });
});
