import type { Meeting } from '../meetings/model.js';
import { getProgram, typeName } from '../meetings/programs.js';
import type { SourceLabel } from '../meetings/present-meeting.js';
import { languageList, longDate } from './intl-format.js';
import { displayDial, safeWebHref, telHref } from './links.js';
import type { PageContext } from './page-context.js';
import { contributionServiceNames } from './providers.js';

interface DetailsProps {
  ctx: PageContext;
  meeting: Meeting;
  source: SourceLabel;
}

/**
 * Types in plain words, languages, the group and its notes, contributions (handles stay text),
 * public contacts, and where the listing comes from and how fresh it is.
 */
export function DetailsSection({ ctx, meeting, source }: DetailsProps) {
  const { t, locale } = ctx;
  const program = getProgram(meeting.program);
  const { group, provenance } = meeting;
  const website = safeWebHref(group.website);
  const entityUrl = safeWebHref(meeting.entity?.url);
  const updated = longDate(provenance.sourceUpdatedAt ?? meeting.updatedAt, locale);
  const verified =
    provenance.lastVerifiedAt === undefined
      ? undefined
      : longDate(provenance.lastVerifiedAt, locale);
  const contacts = group.contactsPublic ? group.contacts : [];
  return (
    <section aria-labelledby="details">
      <h2 id="details">{t('details.heading')}</h2>
      <dl>
        {meeting.types.length > 0 && (
          <>
            <dt>{t('details.types')}</dt>
            <dd>
              <ul>
                {meeting.types.map((code) => (
                  <li>{program === undefined ? code : typeName(program, code, locale)}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {meeting.languages.length > 0 && (
          <>
            <dt>{t('details.languages')}</dt>
            <dd>{languageList(meeting.languages, locale)}</dd>
          </>
        )}
        {group.name !== undefined && (
          <>
            <dt>{t('details.group')}</dt>
            <dd>{group.name}</dd>
          </>
        )}
        {(meeting.notes !== undefined || group.notes !== undefined) && (
          <>
            <dt>{t('details.notes')}</dt>
            {meeting.notes !== undefined && <dd class="notes">{meeting.notes}</dd>}
            {group.notes !== undefined && <dd class="notes">{group.notes}</dd>}
          </>
        )}
        {meeting.contributions.length > 0 && (
          <>
            <dt>{t('details.contributions')}</dt>
            {meeting.contributions.map((c) => (
              <dd>
                {c.kind === 'url'
                  ? t('details.contributions.url')
                  : (contributionServiceNames[c.kind] ?? c.kind)}
                {': '}
                {c.value}
              </dd>
            ))}
          </>
        )}
        {contacts.length > 0 && (
          <>
            <dt>{t('details.contacts')}</dt>
            {contacts.map((contact) => {
              const href = telHref(contact.phone);
              return (
                <dd>
                  {[contact.name, contact.email].filter((x) => x !== undefined).join(', ')}
                  {href !== undefined && (
                    <>
                      {' '}
                      <a href={href}>{displayDial(contact.phone)?.number}</a>
                    </>
                  )}
                </dd>
              );
            })}
          </>
        )}
        {website !== undefined && (
          <>
            <dt>{t('details.website')}</dt>
            <dd>
              <a href={website} rel="noopener noreferrer">
                {website}
              </a>
            </dd>
          </>
        )}
        {meeting.entity?.name !== undefined && (
          <>
            <dt>{t('details.listedBy')}</dt>
            <dd>
              {entityUrl === undefined ? (
                meeting.entity.name
              ) : (
                <a href={entityUrl} rel="noopener noreferrer">
                  {meeting.entity.name}
                </a>
              )}
            </dd>
          </>
        )}
      </dl>
      <p class="muted">
        {t('details.source', { source: source.name })}{' '}
        {updated !== undefined && t('details.updated', { date: updated })}{' '}
        {verified !== undefined && t('details.verified', { date: verified })}
      </p>
    </section>
  );
}
