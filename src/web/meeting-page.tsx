import type { Meeting } from '../meetings/model.js';
import { getProgram } from '../meetings/programs.js';
import type { SourceLabel } from '../meetings/present-meeting.js';
import { Layout } from './layout.js';
import { DetailsSection } from './meeting-details.js';
import { JoinSection } from './meeting-join.js';
import { ReportSection, ShareSection } from './meeting-share-report.js';
import { WhenSection } from './meeting-when.js';
import { WhereSection } from './meeting-where.js';
import { cleanDialString } from '../meetings/links.js';
import type { PageContext } from './page-context.js';
import { describeRecurrence } from './schedule-words.js';
import { RidesLine } from '../rides/pages/ride-line.js';
import { WentButton } from '../space/went-button.js';
import { Notice } from './kit/form-parts.js';

export interface MeetingPageProps {
  ctx: PageContext;
  meeting: Meeting;
  source: SourceLabel;
  /** "Now" in epoch ms, from the app's clock. */
  now: number;
  /** The viewer's IANA zone from `?tz=`, if given. */
  viewerZone: string | undefined;
  /** Volunteer drivers cover this meeting (src/rides). */
  rides?: boolean;
}

/** `/meetings/:slug`: everything needed to get to (or dial into) one meeting, without script. */
export function MeetingPage({ ctx, meeting, source, now, viewerZone, rides }: MeetingPageProps) {
  const { t, locale } = ctx;
  const program = getProgram(meeting.program);
  const programName = program?.names[locale] ?? program?.name ?? meeting.program;
  const ways = [t(`meeting.attendance.${meeting.attendance}`)];
  if (meeting.online.phone !== undefined && cleanDialString(meeting.online.phone) !== undefined)
    ways.push(t('meeting.attendance.phone'));
  return (
    <Layout ctx={ctx} title={meeting.name}>
      <h1>{meeting.name}</h1>
      <p>
        {programName} · {ways.join(' · ')}
      </p>
      {/* The "save to my meetings" star goes here when script runs (favourites stay on the device). */}
      <div
        class="fav-slot"
        data-slug={meeting.slug}
        data-name={meeting.name}
        data-summary={meeting.schedule.map((r) => describeRecurrence(r, t, locale)).join('; ')}
      />
      <WentButton ctx={ctx} slug={meeting.slug} name={meeting.name} />
      {meeting.status !== 'active' && <Notice>{t(`meeting.status.${meeting.status}`)}</Notice>}
      <WhenSection ctx={ctx} meeting={meeting} now={now} viewerZone={viewerZone} />
      {meeting.attendance !== 'online' && <WhereSection ctx={ctx} meeting={meeting} />}
      {rides === true && <RidesLine ctx={ctx} slug={meeting.slug} />}
      <JoinSection ctx={ctx} meeting={meeting} />
      <DetailsSection ctx={ctx} meeting={meeting} source={source} />
      <ShareSection ctx={ctx} slug={meeting.slug} />
      <ReportSection ctx={ctx} slug={meeting.slug} />
    </Layout>
  );
}
