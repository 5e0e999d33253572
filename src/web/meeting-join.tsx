import { conferenceProvider } from '../meetings/links.js';
import type { Meeting } from '../meetings/model.js';
import { displayDial, safeWebHref, telHref } from './links.js';
import type { PageContext } from './page-context.js';
import { providerName } from './providers.js';

/**
 * The join button (http(s) only) and the one-tap dial-in (meeting id and passcode after pauses).
 * Renders nothing when neither survives the link checks.
 */
export function JoinSection({ ctx, meeting }: { ctx: PageContext; meeting: Meeting }) {
  const { t } = ctx;
  const { online } = meeting;
  const joinHref = safeWebHref(online.url);
  const dialHref = telHref(online.phone);
  const dial = displayDial(online.phone);
  if (joinHref === undefined && dialHref === undefined) return null;
  const provider = providerName(online.provider ?? conferenceProvider(joinHref ?? ''));
  return (
    <section aria-labelledby="join">
      <h2 id="join">{t('join.heading')}</h2>
      {joinHref !== undefined && (
        <>
          <p>
            {/* noreferrer: the conference host need not learn which meeting page sent the person. */}
            <a class="button" href={joinHref} rel="noopener noreferrer">
              {provider === undefined ? t('join.online') : t('join.onlineWith', { provider })}
            </a>
          </p>
          {online.urlNotes !== undefined && <p>{online.urlNotes}</p>}
        </>
      )}
      {dialHref !== undefined && dial !== undefined && (
        <>
          <p>
            <a class="button" href={dialHref}>
              {t('join.phone', { number: dial.number })}
            </a>
          </p>
          {dial.codes.length > 0 && <p>{t('join.phoneCodes', { codes: dial.codes.join(' ') })}</p>}
          {online.phoneNotes !== undefined && <p>{online.phoneNotes}</p>}
        </>
      )}
    </section>
  );
}
