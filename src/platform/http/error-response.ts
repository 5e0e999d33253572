/**
 * The one mapping from a thrown error to what the client is told. The JSON API sends it as
 * `{ error: { code, message, field? } }`; pages show the code with words in the reader's
 * language. Every error of a request comes through here: ours (the catalogue's status), a
 * schema validation error (400, naming the field), a body over its limit (413), a rate limit
 * (429), a body the content-type parser refused, and anything unexpected (500, logged once).
 */
import type { FastifyRequest } from 'fastify';
import { errorCatalogue, isPorchlightError, type ErrorCode, type ErrorParams } from '../errors.js';
import { logUnexpected } from './client-key.js';

/** What a client is told about a failed request. */
export interface ErrorResponse {
  status: number;
  code: ErrorCode;
  message: string;
  /** The parameter or form field at fault, when one is. */
  field?: string;
  /** The choices, when a value names several things (PL_AMBIGUOUS_PLACE's places). */
  candidates?: unknown[];
  /** The named parameters of the code's template, so a page can say it in its own language. */
  params?: ErrorParams;
}

/** The JSON API's answer to a failed request. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
    /** The choices, when a value names several things (PL_AMBIGUOUS_PLACE). */
    candidates?: unknown[];
  };
}

/** The JSON body of a failure: its code and message, the field and the choices when known. */
export function errorBody({
  code,
  message,
  field,
  candidates,
}: Pick<ErrorResponse, 'code' | 'message' | 'field' | 'candidates'>): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(field !== undefined ? { field } : {}),
      ...(candidates !== undefined ? { candidates } : {}),
    },
  };
}

/** The parts of an error thrown by Fastify, its plugins or Ajv that say what went wrong. */
interface RaisedError {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  validation?: { instancePath?: string; params?: unknown; message?: string }[];
  validationContext?: string;
}

/** Maps any thrown value to its response; an unexpected one is logged (at most once, here). */
export function errorResponse(error: unknown, request: FastifyRequest): ErrorResponse {
  if (isPorchlightError(error)) {
    const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
    const response = withField(
      {
        status: error.status,
        code: error.code,
        message: error.message,
        ...(error.params !== undefined ? { params: error.params } : {}),
      },
      field,
    );
    const candidates = error.details?.candidates;
    return Array.isArray(candidates) ? { ...response, candidates } : response;
  }
  const raised = (typeof error === 'object' && error !== null ? error : {}) as RaisedError;
  if (raised.validation !== undefined) {
    const first = raised.validation[0];
    const context = raised.validationContext;
    const field = fieldOf(first?.instancePath, first?.params, context);
    return withField(
      {
        status: 400,
        code: context === 'body' ? 'PL_INVALID_BODY' : 'PL_INVALID_QUERY',
        message: `${field ?? context ?? 'request'} ${first?.message ?? 'is invalid'}`,
      },
      field,
    );
  }
  const status = typeof raised.statusCode === 'number' ? raised.statusCode : undefined;
  if (status === 429) return catalogued('PL_RATE_LIMITED');
  if (status !== undefined && status >= 400 && status < 500) {
    const code = clientErrorCode(status, raised.code);
    const message = typeof raised.message === 'string' ? raised.message : '';
    return { status, code, message: message || errorCatalogue[code].message };
  }
  logUnexpected(request, error);
  return catalogued('PL_INTERNAL');
}

/** The stable code of a 4xx that Fastify or a plugin raised itself (body parsing, routing). */
export function clientErrorCode(status: number, fastifyCode: unknown): ErrorCode {
  if (status === 413) return 'PL_BODY_TOO_LARGE';
  // Fastify's content-type parser errors (FST_ERR_CTP_...) are all about the body.
  if (typeof fastifyCode === 'string' && fastifyCode.startsWith('FST_ERR_CTP_'))
    return 'PL_INVALID_BODY';
  return 'PL_INVALID_QUERY';
}

function catalogued(code: ErrorCode): ErrorResponse {
  const { status, message } = errorCatalogue[code];
  return { status, code, message };
}

function withField(response: ErrorResponse, field: string | undefined): ErrorResponse {
  return field === undefined ? response : { ...response, field };
}

function fieldOf(
  instancePath: string | undefined,
  params: unknown,
  context: string | undefined,
): string | undefined {
  const fromPath = instancePath?.replace(/^\//, '').replace(/\//g, '.');
  if (fromPath) return fromPath;
  const missing = (params as { missingProperty?: string } | undefined)?.missingProperty;
  return missing ?? context;
}
