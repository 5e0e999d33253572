import { meetingGuideFeedSteps, parseFeedTextFor } from '../feeds/meeting-guide/read-feed.js';
import { readBmltSource } from '../feeds/bmlt/read-source.js';
import { readCsvSource } from '../feeds/csv/read-csv.js';
import { runReader, type FormatReader } from '../feeds/reader.js';
import type { SourceFormat } from './model.js';

/** A Meeting Guide feed: one JSON array of rows. */
const readMeetingGuideSource: FormatReader = async (input, ctx) =>
  runReader(
    meetingGuideFeedSteps(input.rows ?? (await parseFeedTextFor(await input.text(), ctx)), ctx),
    ctx,
  );

/** The reader of each source format; the snapshot they return is applied the same way. */
export const formatReaders: Record<SourceFormat, FormatReader> = {
  'meeting-guide': readMeetingGuideSource,
  bmlt: readBmltSource,
  csv: readCsvSource,
};
