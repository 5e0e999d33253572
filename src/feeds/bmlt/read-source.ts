import { PorchlightError } from '../../platform/errors.js';
import { isUrlLocation, runReader, type FeedContext, type FormatReader } from '../reader.js';
import { readBmltFormats } from './read-formats.js';
import { parseJsonYielding } from '../../platform/json-yielding.js';
import { bmltAnswersSteps } from './read-search-results.js';
import { readBmltServiceBodies } from './read-service-bodies.js';

const jsonAccept = 'application/json';

/** The semantic-API URLs of a root server, for the whole server or the named service bodies. */
export interface BmltUrls {
  meetings: string;
  formats: string;
  serviceBodies: string;
}

/**
 * The URLs to ask a root server. The location is the root (`https://x.org/main_server/`), with
 * `?services=3,5` (or `services[]=3`) to take only those service bodies and `recursive=1` to
 * include the bodies under them; a full `client_interface/json/?switcher=GetSearchResults...`
 * URL is used as it is for the meetings.
 */
export function bmltUrls(location: string): BmltUrls {
  const url = new URL(location);
  const cut = url.pathname.indexOf('/client_interface/');
  const rootPath = cut === -1 ? url.pathname : url.pathname.slice(0, cut + 1);
  const root = `${url.origin}${rootPath.endsWith('/') ? rootPath : `${rootPath}/`}`;
  const api = `${root}client_interface/json/?switcher=`;
  const params = url.searchParams;
  let meetings: string;
  if (cut !== -1 && /^GetSearchResults$/i.test(params.get('switcher') ?? '')) {
    meetings = url.href;
  } else {
    const services = [...params.getAll('services'), ...params.getAll('services[]')]
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => /^\d+$/.test(value));
    const query = services.map((id) => `&services[]=${id}`).join('');
    const recursive = services.length > 0 && params.get('recursive') === '1' ? '&recursive=1' : '';
    meetings = `${api}GetSearchResults${query}${recursive}`;
  }
  return {
    meetings,
    formats: `${api}GetFormats`,
    serviceBodies: `${api}GetServiceBodies`,
  };
}

/**
 * Reads a BMLT source: a root server's meetings, formats and service bodies, asked together
 * through the Fetcher port, all three or nothing (a snapshot read from half the answers would
 * change meetings' meaning). A file holds a saved `GetSearchResults` answer, optionally with
 * its formats (`{"meetings": [...], "formats": [...]}`, the `get_used_formats` shape).
 */
export const readBmltSource: FormatReader = async (input, ctx) => {
  if (input.rows !== undefined)
    return runReader(bmltAnswersSteps({ meetings: input.rows }, ctx), ctx);
  const location = input.location;
  if (!isUrlLocation(location) || /\.json(\?|$)/i.test(location)) {
    const answer = await parseAnswer(await input.text(), 'the saved answer', ctx);
    const formats =
      answer !== null && typeof answer === 'object' && 'formats' in answer
        ? readBmltFormats(answer.formats)
        : undefined;
    return runReader(
      bmltAnswersSteps({ meetings: answer, ...(formats !== undefined ? { formats } : {}) }, ctx),
      ctx,
    );
  }
  let urls: BmltUrls;
  try {
    urls = bmltUrls(location);
  } catch {
    throw new PorchlightError('PL_FEED_URL_REJECTED', `Not a valid URL: ${location}`);
  }
  const [meetings, formats, serviceBodies] = await Promise.all([
    input
      .fetchText(urls.meetings, jsonAccept)
      .then((text) => parseAnswer(text, 'GetSearchResults', ctx)),
    input.fetchText(urls.formats, jsonAccept).then((text) => parseAnswer(text, 'GetFormats', ctx)),
    input
      .fetchText(urls.serviceBodies, jsonAccept)
      .then((text) => parseAnswer(text, 'GetServiceBodies', ctx)),
  ]);
  return runReader(
    bmltAnswersSteps(
      {
        meetings,
        formats: readBmltFormats(formats),
        serviceBodies: readBmltServiceBodies(serviceBodies),
      },
      ctx,
    ),
    ctx,
  );
};

/**
 * Parses one JSON answer; an HTML page (a login wall, an error page) is named as such. A server
 * reading one gives the loop turns while it parses (a whole region's answer is tens of MB).
 */
async function parseAnswer(text: string, what: string, ctx: FeedContext): Promise<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^\s*</.test(body)) {
    throw new PorchlightError(
      'PL_FEED_NOT_JSON',
      `The server answered ${what} with an HTML page, not JSON: ${excerpt(body)}`,
    );
  }
  try {
    const turn = ctx.yieldToLoop;
    return turn === undefined ? JSON.parse(body) : await parseJsonYielding(body, turn);
  } catch (error) {
    throw new PorchlightError(
      'PL_FEED_NOT_JSON',
      `The ${what} answer is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function excerpt(html: string): string {
  const title = /<title[^>]*>([^<]{1,120})/i.exec(html)?.[1];
  const text =
    title ??
    html
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
