/**
 * Rides as the text line asks for them (`RIDE`, decision 0117): the ride desk's own use cases
 * in the shape of the line's port. A ride asked by text is picked up at the place texted, with a
 * ride home, for one person; the code goes by text to the number it came from, sealed with the
 * ride like any rider's contact.
 */
import type { Point } from './model.js';
import type { RideDesk } from './ride-desk.js';
import { whenText, type RideLocale } from './ride-words.js';

export function ridesByText(desk: RideDesk) {
  return {
    askable: async (meetingSlug: string): Promise<string[]> => {
      const meeting = await desk.meeting(meetingSlug);
      return (await desk.askable(meeting))?.occurrences ?? [];
    },
    when: async (start: string, meetingSlug: string, language: RideLocale): Promise<string> =>
      whenText(start, (await desk.meeting(meetingSlug)).timeZone, language),
    ask: async (request: {
      meetingSlug: string;
      occurrenceStart: string;
      pickup: Point & { text: string };
      phone: string;
      language: RideLocale;
    }): Promise<{ link: string }> => {
      const { link } = await desk.ask({
        meetingSlug: request.meetingSlug,
        occurrenceStart: request.occurrenceStart,
        pickup: request.pickup,
        contact: { channel: 'sms', phone: request.phone },
        returnTrip: true,
        wheelchair: false,
        passengers: 1,
        locale: request.language,
      });
      return { link };
    },
    confirm: async (link: string, code: string): Promise<'open' | 'unmet' | 'other'> => {
      const ride = await desk.confirm(link, code);
      return ride.status === 'open' || ride.status === 'unmet' ? ride.status : 'other';
    },
  };
}
