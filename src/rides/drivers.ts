/**
 * Drivers: a coordinator enrols a volunteer (contact, home area, hours, seats), records the
 * vetting and approves them; the approved driver receives the link to their own page, where
 * rides are offered. The contact is sealed; the home is kept only rounded to about 1 km.
 */
import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from '../accounts/tokens.js';
import { isValidCoordinate } from '../meetings/time-zone.js';
import { PorchlightError } from '../platform/errors.js';
import type { RideDeps } from './deps.js';
import { roundToKm } from './detour.js';
import type { Contact, Driver, OnCallWindow, Point, RideProgram, Vetting } from './model.js';
import type { StoredDriver } from './ride-repository.js';
import {
  newRecordKey,
  openDriverSecrets,
  openRecordKey,
  sealDriverSecrets,
  type DriverSecrets,
} from './sealed.js';

export interface DriverInput {
  contact: Contact;
  home: Point;
  radiusKm: number;
  onCall: OnCallWindow[];
  seats: number;
  wheelchair: boolean;
}

/** The longest a driver may say they go from home. */
const MAX_RADIUS_KM = 200;

/**
 * Enrols a driver, pending approval. Their page's link is made when they are approved (until
 * then the stored hash is of a secret nobody was given).
 */
export async function enrolDriver(
  deps: Pick<RideDeps, 'repos' | 'clock' | 'keyring'>,
  program: RideProgram,
  input: DriverInput,
): Promise<Driver> {
  const invalid = (reason: string) => new PorchlightError('PL_RIDE_INVALID', { reason });
  if (!isValidCoordinate(input.home.latitude, input.home.longitude))
    throw invalid('the home area needs a place');
  if (!(input.radiusKm > 0 && input.radiusKm <= MAX_RADIUS_KM))
    throw invalid(`the distance from home must be above 0 and at most ${MAX_RADIUS_KM} km`);
  if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > 8)
    throw invalid('seats must be 1 to 8');
  const id = randomUUID();
  const key = newRecordKey(deps.keyring(), 'driver', id);
  const driver: StoredDriver = {
    id,
    programId: program.id,
    status: 'pending',
    home: { ...roundToKm(input.home), radiusKm: input.radiusKm },
    onCall: input.onCall,
    seats: input.seats,
    wheelchair: input.wheelchair,
    createdAt: deps.clock.now().toISOString(),
    sealedContact: sealDriverSecrets(key.dataKey, id, { contact: input.contact }),
    wrappedKey: key.wrappedKey,
    keyId: key.keyId,
    linkHash: hashToken(newToken()),
  };
  await deps.repos.rides.insertDriver(driver);
  return plainDriver(driver);
}

export interface VettingInput {
  licenceCheckedOn?: string;
  insuranceCheckedOn?: string;
  backgroundCheckedOn?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Records the vetting (on which dates the licence, the insurance and, where the program asks,
 * the background were checked, and by whom) and approves the driver; the driver is then sent
 * a new link to their page (the only copy of it: a lost link is replaced by approving again).
 */
export async function approveDriver(
  deps: Pick<RideDeps, 'repos' | 'clock' | 'keyring' | 'messenger' | 'publicUrl'>,
  program: RideProgram,
  driverId: string,
  input: VettingInput,
  checkedBy: string,
): Promise<Driver> {
  const driver = await driverOfProgram(deps, program, driverId);
  const missing = (field: string) => new PorchlightError('PL_DRIVER_VETTING_INCOMPLETE', { field });
  const date = (value: string | undefined) =>
    value !== undefined && ISO_DATE.test(value) ? value : undefined;
  const licence = date(input.licenceCheckedOn);
  const insurance = date(input.insuranceCheckedOn);
  const background = date(input.backgroundCheckedOn);
  if (licence === undefined) throw missing('licenceCheckedOn');
  if (insurance === undefined) throw missing('insuranceCheckedOn');
  if (program.rules.backgroundCheckRequired && background === undefined)
    throw missing('backgroundCheckedOn');
  const vetting: Vetting = {
    licenceCheckedOn: licence,
    insuranceCheckedOn: insurance,
    ...(background !== undefined ? { backgroundCheckedOn: background } : {}),
    checkedBy,
  };
  const approved: Driver = { ...plainDriver(driver), status: 'approved', vetting };
  const now = deps.clock.now().toISOString();
  const link = newToken();
  await deps.repos.rides.updateDriver(approved, now);
  const dataKey = openRecordKey(deps.keyring(), 'driver', driver.id, driver);
  const { contact } = openDriverSecrets(dataKey, driver.id, driver.sealedContact);
  await deps.repos.rides.setDriverLink(
    driver.id,
    hashToken(link),
    sealDriverSecrets(dataKey, driver.id, { contact, link }),
  );
  await deps.messenger.send(
    contact,
    {
      subject: `${program.name}: you are approved to drive`,
      text: `${program.name}: thank you for driving. Rides offered to you, and the ones you accept, are on your page: ${driverLink(deps, { contact, link })} (keep this link to yourself).`,
    },
    `ride-driver-approved:${driver.id}:${now}`,
  );
  return approved;
}

/** Pauses a driver (no offers) or takes them back. */
export async function setDriverStatus(
  deps: Pick<RideDeps, 'repos' | 'clock'>,
  program: RideProgram,
  driverId: string,
  status: 'paused' | 'approved',
): Promise<void> {
  const driver = await driverOfProgram(deps, program, driverId);
  if (status === 'approved' && driver.vetting === undefined)
    throw new PorchlightError('PL_DRIVER_VETTING_INCOMPLETE', { field: 'licenceCheckedOn' });
  await deps.repos.rides.updateDriver(
    { ...plainDriver(driver), status },
    deps.clock.now().toISOString(),
  );
}

/** A program's drivers with their contacts opened, for its coordinators. */
export async function driversWithContacts(
  deps: Pick<RideDeps, 'repos' | 'keyring'>,
  program: RideProgram,
): Promise<(Driver & { contact: Contact })[]> {
  const drivers = await deps.repos.rides.driversOf(program.id);
  return drivers.map((d) => ({ ...plainDriver(d), contact: driverSecrets(deps, d).contact }));
}

/** The driver whose page this link secret opens; PL_RIDE_NOT_FOUND otherwise. */
export async function driverByLink(
  deps: Pick<RideDeps, 'repos'>,
  link: string,
): Promise<StoredDriver> {
  const driver = await deps.repos.rides.driverByLink(hashToken(link));
  if (driver === undefined) throw new PorchlightError('PL_RIDE_NOT_FOUND');
  return driver;
}

/** Opens a stored driver's contact and page link. */
export function driverSecrets(
  deps: Pick<RideDeps, 'keyring'>,
  driver: StoredDriver,
): DriverSecrets {
  const key = openRecordKey(deps.keyring(), 'driver', driver.id, driver);
  return openDriverSecrets(key, driver.id, driver.sealedContact);
}

/** A driver without what is stored beside them (sealed contact, key, link hash). */
export function plainDriver(driver: StoredDriver): Driver {
  const { sealedContact: _c, wrappedKey: _k, keyId: _i, linkHash: _h, ...plain } = driver;
  return plain;
}

async function driverOfProgram(
  deps: Pick<RideDeps, 'repos'>,
  program: RideProgram,
  driverId: string,
): Promise<StoredDriver> {
  const driver = await deps.repos.rides.driverById(driverId);
  if (driver === undefined || driver.programId !== program.id)
    throw new PorchlightError('PL_RIDE_NOT_FOUND');
  return driver;
}

/** The driver's page (English and Spanish alike: the page follows the browser's language). */
export function driverLink(deps: Pick<RideDeps, 'publicUrl'>, secrets: DriverSecrets): string {
  return `${deps.publicUrl}/rides/driver/${secrets.link ?? ''}`;
}
