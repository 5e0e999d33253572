import { parseFeedText, readMeetingGuideFeed } from '../feeds/meeting-guide/read-feed.js';
import { readBmltSource } from '../feeds/bmlt/read-source.js';
import { readCsvSource } from '../feeds/csv/read-csv.js';
import type { FormatReader } from '../feeds/reader.js';
import type { SourceFormat } from './model.js';

/** A Meeting Guide feed: one JSON array of rows. */
const readMeetingGuideSource: FormatReader = async (input, ctx) =>
  readMeetingGuideFeed(input.rows ?? parseFeedText(await input.text()), ctx);

/** The reader of each source format; the snapshot they return is applied the same way. */
export const formatReaders: Record<SourceFormat, FormatReader> = {
  'meeting-guide': readMeetingGuideSource,
  bmlt: readBmltSource,
  csv: readCsvSource,
};
