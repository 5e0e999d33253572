/**
 * The trip log a sponsoring agency reads and reimburses mileage from: per ride, the day, the
 * meeting, what happened, the driver and the miles; in total, counts by outcome, miles, on-call
 * hours covered and unmet requests. Nothing in it names, reaches or places a rider: the rows are
 * read from the clear columns only (the sealed details are never opened here).
 */
import { stringify } from 'csv-stringify/sync';
import { Temporal } from 'temporal-polyfill';
import { guardCell } from '../feeds/csv/formula-guard.js';
import { PorchlightError } from '../platform/errors.js';
import { KM_PER_MILE } from '../search/distance.js';
import type { RideDeps } from './deps.js';
import { driversWithContacts } from './drivers.js';
import type { RideProgram, RideStatus } from './model.js';
import { uncoveredHours } from './weekly-hours.js';

export interface TripRow {
  /** The meeting's day in the program's zone, YYYY-MM-DD. */
  day: string;
  meeting: string;
  status: RideStatus;
  returnTrip: boolean;
  wheelchair: boolean;
  passengers: number;
  /** The driver who took it (their name as the program knows it), when one did. */
  driver?: string;
  miles?: number;
}

export interface TripLog {
  from: string;
  to: string;
  /** Confirmed requests (asked and confirmed by the rider's code). */
  requested: number;
  completed: number;
  noShows: number;
  cancelled: number;
  unmet: number;
  /** Still ahead: open or accepted. */
  pending: number;
  /** Miles driven for completed rides and no-shows (the driver went), to one decimal. */
  miles: number;
  /** On-call hours of the week covered by at least one approved driver, times the weeks. */
  hoursCovered: number;
  rows: TripRow[];
}

const MAX_DAYS = 366;

/** The program's trip log for the days from `from` to `to` (both included, YYYY-MM-DD). */
export async function tripLog(
  deps: Pick<RideDeps, 'repos' | 'keyring'>,
  program: RideProgram,
  from: string,
  to: string,
): Promise<TripLog> {
  let first: Temporal.PlainDate;
  let last: Temporal.PlainDate;
  try {
    first = Temporal.PlainDate.from(from);
    last = Temporal.PlainDate.from(to);
  } catch {
    throw new PorchlightError('PL_INVALID_QUERY', 'The period needs two dates, YYYY-MM-DD.');
  }
  const days = first.until(last).days + 1;
  if (days < 1 || days > MAX_DAYS)
    throw new PorchlightError('PL_INVALID_QUERY', `The period is 1 to ${MAX_DAYS} days.`);
  const start = first.toZonedDateTime(program.timeZone).toInstant().toString();
  const end = last.add({ days: 1 }).toZonedDateTime(program.timeZone).toInstant().toString();
  const rides = (await deps.repos.rides.ridesOf(program.id, start, end)).filter(
    (r) => r.status !== 'unconfirmed' && r.confirmedAt !== undefined,
  );
  const drivers = await driversWithContacts(deps, program);
  const driverName = new Map(
    drivers.map((d, i) => [d.id, d.contact.name ?? `Driver ${i + 1}`] as const),
  );
  const names = new Map(
    (await deps.repos.meetings.byIds([...new Set(rides.map((r) => r.meetingId))])).map((m) => [
      m.id,
      m.name,
    ]),
  );
  const rows: TripRow[] = rides.map((r) => {
    const driven = r.status === 'completed' || r.status === 'no_show';
    const driver = r.driverId === undefined ? undefined : driverName.get(r.driverId);
    return {
      day: Temporal.Instant.from(r.occurrenceStart)
        .toZonedDateTimeISO(program.timeZone)
        .toPlainDate()
        .toString(),
      meeting: names.get(r.meetingId) ?? '',
      status: r.status,
      returnTrip: r.returnTrip,
      wheelchair: r.wheelchair,
      passengers: r.passengers,
      ...(driver !== undefined ? { driver } : {}),
      ...(driven && r.tripKm !== undefined
        ? { miles: Math.round((r.tripKm / KM_PER_MILE) * 10) / 10 }
        : {}),
    };
  });
  const count = (...statuses: RideStatus[]) =>
    rows.filter((r) => statuses.includes(r.status)).length;
  const covered =
    168 -
    uncoveredHours(drivers.filter((d) => d.status === 'approved').flatMap((d) => d.onCall)).length;
  return {
    from,
    to,
    requested: rows.length,
    completed: count('completed'),
    noShows: count('no_show'),
    cancelled: count('cancelled'),
    unmet: count('unmet'),
    pending: count('open', 'accepted'),
    miles: Math.round(rows.reduce((sum, r) => sum + (r.miles ?? 0), 0) * 10) / 10,
    hoursCovered: Math.round((covered * days) / 7),
    rows,
  };
}

/** The log's rows as CSV with a header row (cells a spreadsheet would run are kept as text). */
export function tripLogCsv(log: TripLog): string {
  return stringify(
    log.rows.map((r) => [
      r.day,
      guardCell(r.meeting),
      r.status,
      r.returnTrip ? 'yes' : 'no',
      r.wheelchair ? 'yes' : 'no',
      r.passengers,
      guardCell(r.driver ?? ''),
      r.miles ?? '',
    ]),
    {
      header: true,
      columns: [
        'day',
        'meeting',
        'outcome',
        'return_trip',
        'wheelchair',
        'passengers',
        'driver',
        'miles',
      ],
    },
  );
}
