import type { FastifyRequest } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { PorchlightError } from '../errors.js';
import { clientErrorCode, errorResponse } from './error-response.js';

/** A request whose connection is open, with a logger that records what it is told. */
function fakeRequest(destroyed = false) {
  const log = { error: vi.fn(), debug: vi.fn() };
  const request = { raw: { destroyed, socket: { destroyed } }, log } as unknown as FastifyRequest;
  return { request, log };
}

describe('errorResponse', () => {
  it('keeps our own errors: catalogue status, code, message and field', () => {
    const { request, log } = fakeRequest();
    expect(errorResponse(new PorchlightError('PL_MEETING_NOT_FOUND'), request)).toEqual({
      status: 404,
      code: 'PL_MEETING_NOT_FOUND',
      message: 'No meeting has this slug.',
    });
    const named = new PorchlightError('PL_INVALID_QUERY', 'day must be 0-6.', { field: 'day' });
    expect(errorResponse(named, request)).toEqual({
      status: 400,
      code: 'PL_INVALID_QUERY',
      message: 'day must be 0-6.',
      field: 'day',
    });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('names the field of a schema validation error, as a body or a query error', () => {
    const { request } = fakeRequest();
    const query = Object.assign(new Error('bad'), {
      statusCode: 400,
      validationContext: 'querystring',
      validation: [{ instancePath: '/limit', params: {}, message: 'must be <= 500' }],
    });
    expect(errorResponse(query, request)).toEqual({
      status: 400,
      code: 'PL_INVALID_QUERY',
      message: 'limit must be <= 500',
      field: 'limit',
    });
    const body = Object.assign(new Error('bad'), {
      statusCode: 400,
      validationContext: 'body',
      validation: [{ instancePath: '', params: { missingProperty: 'id' }, message: 'is required' }],
    });
    expect(errorResponse(body, request)).toMatchObject({ code: 'PL_INVALID_BODY', field: 'id' });
    const nested = Object.assign(new Error('bad'), {
      validationContext: 'body',
      validation: [{ instancePath: '/response/signature', message: 'is too long' }],
    });
    expect(errorResponse(nested, request).field).toBe('response.signature');
  });

  it('maps what Fastify and its plugins raise: 429, 413, a refused body, other 4xx', () => {
    const { request, log } = fakeRequest();
    const raised = (statusCode: number, code: string, message = 'Fastify says no') =>
      Object.assign(new Error(message), { statusCode, code });
    expect(errorResponse(raised(429, 'FST_RATE_LIMIT'), request)).toEqual({
      status: 429,
      code: 'PL_RATE_LIMITED',
      message: 'Too many requests; try again shortly.',
    });
    expect(errorResponse(raised(413, 'FST_ERR_CTP_BODY_TOO_LARGE'), request)).toMatchObject({
      status: 413,
      code: 'PL_BODY_TOO_LARGE',
    });
    expect(errorResponse(raised(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'), request)).toEqual({
      status: 415,
      code: 'PL_INVALID_BODY',
      message: 'Fastify says no',
    });
    expect(errorResponse(raised(400, 'FST_ERR_BAD_URL', ''), request)).toEqual({
      status: 400,
      code: 'PL_INVALID_QUERY',
      message: 'A query parameter is invalid.',
    });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('reads a parser error without a Fastify code as a bad request, not a crash', () => {
    const { request } = fakeRequest();
    const parser = Object.assign(new URIError('URI malformed'), { statusCode: 400 });
    expect(errorResponse(parser, request)).toMatchObject({ status: 400, code: 'PL_INVALID_QUERY' });
    expect(clientErrorCode(400, undefined)).toBe('PL_INVALID_QUERY');
  });

  it('logs an unexpected error once and tells the client only that it is ours to fix', () => {
    const { request, log } = fakeRequest();
    const bug = new TypeError('cannot read x of undefined');
    expect(errorResponse(bug, request)).toEqual({
      status: 500,
      code: 'PL_INTERNAL',
      message: 'Something went wrong on our side.',
    });
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(errorResponse('a string thrown', request).code).toBe('PL_INTERNAL');
    expect(errorResponse(Object.assign(new Error('x'), { statusCode: 503 }), request).status).toBe(
      500,
    );
  });

  it('logs at debug level when the client has already gone', () => {
    const { request, log } = fakeRequest(true);
    expect(errorResponse(new Error('socket hang up'), request).code).toBe('PL_INTERNAL');
    expect(log.error).not.toHaveBeenCalled();
    expect(log.debug).toHaveBeenCalledTimes(1);
  });
});
