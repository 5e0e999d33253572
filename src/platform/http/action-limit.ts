/**
 * One rate limit per action, whichever path it is reached by. A route's own `config.rateLimit`
 * keeps a counter per route, so an action served at `/x`, `/en/x` and `/es/x` allowed three
 * times its limit. An action limit is made once, from a scope where @fastify/rate-limit is
 * registered, and its hook is put on every route of the action: they all count in one place.
 * Counted per client address, in the server's limit store (this process, or Redis).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PorchlightError } from '../errors.js';
import { clientKey } from './client-key.js';

export interface ActionLimitOptions {
  /** Requests accepted per client address per window. */
  max: number;
  timeWindowMs: number;
}

/** An `onRequest` hook for every route of the action. */
export type ActionLimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * Makes the limit of one action. Over the limit, the hook sets `Retry-After` and throws
 * PL_RATE_LIMITED (429) for the scope's error handler to present.
 */
export function actionLimit(
  scope: Pick<FastifyInstance, 'createRateLimit'>,
  action: string,
  { max, timeWindowMs }: ActionLimitOptions,
): ActionLimitHook {
  // The action is part of the key: in a shared store every action's counts sit side by side.
  const check = scope.createRateLimit({
    max,
    timeWindow: timeWindowMs,
    keyGenerator: (request) => `${action}:${clientKey(request)}`,
  });
  return async (request, reply) => {
    const limit = await check(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', String(limit.ttlInSeconds));
    throw new PorchlightError('PL_RATE_LIMITED');
  };
}
