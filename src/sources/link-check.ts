import { lookup } from 'node:dns/promises';
import type { Clock } from '../platform/clock.js';
import { systemTimers, type Timers } from '../platform/timers.js';
import type { Repositories } from '../repositories.js';
import type { Fetcher } from './feed-reader.js';
import type { LinkCheckRecord } from './link-check-repository.js';
import {
  checkDialString,
  isLocalName,
  isLoopbackAddress,
  isPrivateAddress,
  type LinkCheckResult,
  type TargetVerdict,
} from './link-check-target.js';

export interface LinkCheckDeps {
  repos: Repositories;
  clock: Clock;
  fetcher?: Fetcher;
}

/** How politely and how much one run checks. */
export interface LinkCheckOptions {
  /** Per request (default 5 s). */
  timeoutMs?: number;
  /** Least time between two requests to one host (default 3 s). */
  hostIntervalMs?: number;
  /** Most links requested in one run (default 100); the rest wait for the next run. */
  maxLinks?: number;
  /** A link checked more recently than this is not checked again (default 7 days). */
  recheckAfterMs?: number;
  /** Allow the loopback address (the tests' local server); never private networks. */
  allowLoopback?: boolean;
  /** Waits (tests pass one that advances a fake clock). */
  sleep?: (ms: number) => Promise<void>;
  /** What measures `timeoutMs` (real timers unless a test fires them itself). */
  timers?: Timers;
  /** The addresses a host name resolves to (default: the system resolver). */
  resolveHost?: (host: string) => Promise<string[]>;
}

/** What one run did. */
export interface LinkCheckSummary {
  links: number;
  phones: number;
  results: Record<LinkCheckResult, number>;
  /** Links due but left for the next run (the per-run cap). */
  deferred: number;
}

const pageSize = 5000;
const maxRedirects = 5;

/**
 * Checks online meetings' conference links and dial-ins for obvious breakage and records the
 * result per meeting (ok, unreachable, not_found, invalid) with its time; nothing is hidden or
 * deleted. Links are asked with HEAD, then GET when HEAD is refused or fails, one request per
 * host every few seconds at most, each within a time limit, only to public http(s) hosts, and
 * at most `maxLinks` per run. Dial-ins are judged by their form alone: nobody is ever called.
 */
export async function checkLinks(
  deps: LinkCheckDeps,
  options: LinkCheckOptions = {},
): Promise<LinkCheckSummary> {
  const now = deps.clock.now();
  const recheckBefore = new Date(now.getTime() - (options.recheckAfterMs ?? 7 * 86_400_000));
  const checks = new Map(
    (await deps.repos.linkChecks.all()).map((c) => [`${c.meetingId}|${c.kind}`, c]),
  );
  const due = (meetingId: string, kind: 'url' | 'phone', target: string) => {
    const last = checks.get(`${meetingId}|${kind}`);
    if (last === undefined || last.target !== target) return '';
    return new Date(last.checkedAt) < recheckBefore ? last.checkedAt : undefined;
  };

  const summary: LinkCheckSummary = {
    links: 0,
    phones: 0,
    results: { ok: 0, unreachable: 0, not_found: 0, invalid: 0 },
    deferred: 0,
  };
  const phoneChecks: LinkCheckRecord[] = [];
  /** Due links, each with the meetings that use it and when it was last checked. */
  const links = new Map<string, { meetingIds: string[]; lastChecked: string }>();
  for (let after: string | undefined; ;) {
    const page = await deps.repos.meetings.pageById(pageSize, after);
    for (const meeting of page) {
      const { url, phone } = meeting.online;
      if (phone !== undefined && due(meeting.id, 'phone', phone) !== undefined) {
        const verdict = checkDialString(phone);
        phoneChecks.push(record(meeting.id, 'phone', phone, verdict, now.toISOString()));
        summary.phones++;
        summary.results[verdict.result]++;
      }
      const lastChecked = url === undefined ? undefined : due(meeting.id, 'url', url);
      if (url !== undefined && lastChecked !== undefined) {
        const entry = links.get(url) ?? { meetingIds: [], lastChecked };
        entry.meetingIds.push(meeting.id);
        if (lastChecked < entry.lastChecked) entry.lastChecked = lastChecked;
        links.set(url, entry);
      }
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }
  await deps.repos.linkChecks.record(phoneChecks);

  const chosen = interleaveHosts(
    [...links].sort(([, a], [, b]) => (a.lastChecked < b.lastChecked ? -1 : 1)),
  );
  const limit = options.maxLinks ?? 100;
  summary.deferred = Math.max(0, chosen.length - limit);
  const checker = new PoliteChecker(deps, options);
  for (const [url, { meetingIds }] of chosen.slice(0, limit)) {
    const verdict = await checker.check(url);
    const at = deps.clock.now().toISOString();
    await deps.repos.linkChecks.record(meetingIds.map((id) => record(id, 'url', url, verdict, at)));
    summary.links++;
    summary.results[verdict.result]++;
  }
  return summary;
}

interface UrlVerdict extends TargetVerdict {
  httpStatus?: number;
}

function record(
  meetingId: string,
  kind: 'url' | 'phone',
  target: string,
  verdict: UrlVerdict,
  checkedAt: string,
): LinkCheckRecord {
  return {
    meetingId,
    kind,
    target,
    result: verdict.result,
    checkedAt,
    ...(verdict.httpStatus !== undefined ? { httpStatus: verdict.httpStatus } : {}),
    ...(verdict.detail !== undefined ? { detail: verdict.detail } : {}),
  };
}

/** Orders links so consecutive requests go to different hosts where possible (fewer waits). */
function interleaveHosts<T>(links: [string, T][]): [string, T][] {
  const byHost = new Map<string, [string, T][]>();
  for (const link of links) {
    const host = URL.canParse(link[0]) ? new URL(link[0]).host : '';
    const list = byHost.get(host) ?? [];
    list.push(link);
    byHost.set(host, list);
  }
  const queues = [...byHost.values()];
  const ordered: [string, T][] = [];
  for (let round = 0; ordered.length < links.length; round++) {
    for (const queue of queues) if (round < queue.length) ordered.push(queue[round]!);
  }
  return ordered;
}

type Answer = { status: number; location?: string } | { failure: string; timedOut?: boolean };

/** Asks links, never more than one request per host per interval. */
class PoliteChecker {
  private readonly lastRequest = new Map<string, number>();
  private readonly fetcher: Fetcher;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly deps: LinkCheckDeps,
    private readonly options: LinkCheckOptions,
  ) {
    this.fetcher = deps.fetcher ?? fetch;
    this.sleep =
      options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
  }

  async check(link: string): Promise<UrlVerdict> {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return { result: 'invalid', detail: 'not a URL' };
    }
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const refusal = await this.refuse(url);
      if (refusal !== undefined) return { result: 'invalid', detail: refusal };
      let answer = await this.ask(url, 'HEAD');
      // Many servers answer HEAD wrongly (405, 403, 404, a reset); GET settles it. A host that
      // did not answer in time is not asked twice.
      const timedOut = 'failure' in answer && answer.timedOut === true;
      if (!timedOut && ('failure' in answer || answer.status >= 400)) {
        const second = await this.ask(url, 'GET');
        if (!('failure' in second) || 'failure' in answer) answer = second;
      }
      if ('failure' in answer) return { result: 'unreachable', detail: answer.failure };
      if (answer.status >= 300 && answer.status < 400 && answer.location !== undefined) {
        try {
          url = new URL(answer.location, url);
        } catch {
          return { result: 'invalid', detail: 'redirects to something that is not a URL' };
        }
        continue;
      }
      return classify(answer.status);
    }
    return { result: 'unreachable', detail: `more than ${maxRedirects} redirects` };
  }

  /** Why a URL is not asked at all: not http(s), or not a public host. */
  private async refuse(url: URL): Promise<string | undefined> {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return `only http and https links are checked (${url.protocol})`;
    const host = url.hostname;
    if (this.options.allowLoopback === true && isLoopbackAddress(host)) return undefined;
    if (isPrivateAddress(host) || isLocalName(host)) return 'not a public address';
    if (/^[\d.]+$|:/.test(host)) return undefined;
    let addresses: string[];
    try {
      addresses = await (this.options.resolveHost ?? resolveAll)(host);
    } catch {
      // An unknown name is breakage, not a refusal: the request below reports it.
      return undefined;
    }
    return addresses.some(isPrivateAddress) ? 'resolves to a private address' : undefined;
  }

  private async ask(url: URL, method: 'HEAD' | 'GET'): Promise<Answer> {
    await this.waitForTurn(url.host);
    const controller = new AbortController();
    const timeoutMs = this.options.timeoutMs ?? 5000;
    const cancelTimeout = (this.options.timers ?? systemTimers).after(timeoutMs, () =>
      controller.abort(),
    );
    try {
      const response = await this.fetcher(url, {
        method,
        redirect: 'manual',
        signal: controller.signal,
        headers: { 'user-agent': 'Porchlight link check', accept: '*/*' },
      });
      // Only the status matters; the body is never read.
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      return { status: response.status, ...(location !== null ? { location } : {}) };
    } catch (error) {
      if (controller.signal.aborted)
        return { failure: `no answer within ${timeoutMs} ms`, timedOut: true };
      return { failure: describeFailure(error) };
    } finally {
      cancelTimeout();
    }
  }

  private async waitForTurn(host: string): Promise<void> {
    const interval = this.options.hostIntervalMs ?? 3000;
    const last = this.lastRequest.get(host);
    if (last !== undefined) {
      const wait = last + interval - this.deps.clock.now().getTime();
      if (wait > 0) await this.sleep(wait);
    }
    this.lastRequest.set(host, this.deps.clock.now().getTime());
  }
}

function classify(status: number): UrlVerdict {
  if (status === 404 || status === 410)
    return { result: 'not_found', httpStatus: status, detail: `the server answered ${status}` };
  if (status >= 500)
    return { result: 'unreachable', httpStatus: status, detail: `the server answered ${status}` };
  return { result: 'ok', httpStatus: status };
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name is not known';
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was reset';
    default:
      return cause?.message ?? (error instanceof Error ? error.message : String(error));
  }
}
