/**
 * A demo resource directory for a fresh server, around the demo center in Franklin County,
 * Massachusetts: treatment and medication, withdrawal management, recovery housing, harm
 * reduction, food, rides, legal aid, work. The organizations are invented and their numbers are
 * 555 numbers; the records go through the same checks as an import.
 */
import type { Clock } from '../../platform/clock.js';
import { collectionsOfHsdsJson } from '../import/hsds-shapes.js';
import { applyResourceCollections, type ResourceImportResult } from '../import-resources.js';
import type { ResourceRepository } from '../resource-repository.js';

export const DEMO_RESOURCE_SOURCE = 'demo-resources';

interface Place {
  key: string;
  name: string;
  street: string;
  city: string;
  zip: string;
  lat: number;
  lng: number;
}

const places: Record<string, Place> = {
  greenfield: {
    key: 'gf-main',
    name: 'Main Street office',
    street: '278 Main Street',
    city: 'Greenfield',
    zip: '01301',
    lat: 42.5879,
    lng: -72.5998,
  },
  greenfieldHigh: {
    key: 'gf-high',
    name: 'High Street campus',
    street: '48 Sanderson Street',
    city: 'Greenfield',
    zip: '01301',
    lat: 42.5951,
    lng: -72.6062,
  },
  turners: {
    key: 'tf-avenue',
    name: 'Avenue A storefront',
    street: '112 Avenue A',
    city: 'Turners Falls',
    zip: '01376',
    lat: 42.6065,
    lng: -72.5565,
  },
  orange: {
    key: 'or-south',
    name: 'South Main house',
    street: '31 South Main Street',
    city: 'Orange',
    zip: '01364',
    lat: 42.5897,
    lng: -72.3101,
  },
  shelburne: {
    key: 'sf-bridge',
    name: 'Bridge Street office',
    street: '12 Bridge Street',
    city: 'Shelburne Falls',
    zip: '01370',
    lat: 42.6046,
    lng: -72.7399,
  },
  northfield: {
    key: 'nf-main',
    name: 'Northfield clinic',
    street: '90 Main Street',
    city: 'Northfield',
    zip: '01360',
    lat: 42.6956,
    lng: -72.4527,
  },
};

function location(place: Place) {
  return {
    id: place.key,
    location_type: 'physical',
    name: place.name,
    latitude: place.lat,
    longitude: place.lng,
    addresses: [
      {
        address_1: place.street,
        city: place.city,
        state_province: 'MA',
        postal_code: place.zip,
        country: 'US',
        address_type: 'physical',
      },
    ],
    accessibility: [{ description: 'Step-free entrance' }],
  };
}

const week = (days: string, opens: string, closes: string) => [
  { freq: 'WEEKLY', byday: days, opens_at: opens, closes_at: closes },
];

interface DemoService {
  id: string;
  org: { id: string; name: string; description: string };
  name: string;
  description: string;
  at: Place[];
  phone: string;
  hours?: ReturnType<typeof week>;
  languages?: string[];
  costs: string[];
  terms: string[];
  minimumAge?: number;
}

const valley = {
  id: 'valley-health',
  name: 'Valley Bridge Health',
  description: 'A community health center with an addiction medicine clinic.',
};
const river = {
  id: 'river-treatment',
  name: 'Connecticut River Treatment Services',
  description: 'Opioid treatment program and withdrawal management.',
};
const homes = {
  id: 'millers-homes',
  name: 'Millers River Recovery Homes',
  description: 'Peer-run recovery residences.',
};
const commons = {
  id: 'recovery-commons',
  name: 'Franklin Recovery Commons',
  description: 'Harm reduction and peer recovery support.',
};
const hill = {
  id: 'hilltown-counseling',
  name: 'Hilltown Counseling Collective',
  description: 'Counselling in person and by video.',
};
const neighbors = {
  id: 'franklin-neighbors',
  name: 'Franklin Neighbors',
  description: 'Food, rides, legal help and work for the county.',
};

const services: DemoService[] = [
  {
    id: 'bupe',
    org: valley,
    name: 'Office-based buprenorphine',
    description:
      'Buprenorphine starts the same day, in person or by video; no appointment needed before 2pm.',
    at: [places.greenfield!, places.northfield!],
    phone: '+14135550101',
    hours: week('MO,TU,WE,TH,FR', '08:00', '17:00'),
    languages: ['en', 'es'],
    costs: ['Medicaid', 'Medicare', 'Insurance', 'Sliding scale'],
    terms: [
      'Medications for Addiction',
      'moud:buprenorphine',
      'moud:naltrexone',
      'accepts-moud',
      'naloxone',
      'walk-in',
      'same-day',
      'telehealth',
    ],
    minimumAge: 18,
  },
  {
    id: 'otp',
    org: river,
    name: 'Methadone and buprenorphine clinic',
    description: 'Daily dosing, counselling and take-home doses as treatment goes on.',
    at: [places.greenfieldHigh!],
    phone: '+14135550102',
    hours: week('MO,TU,WE,TH,FR,SA', '06:00', '14:00'),
    languages: ['en', 'es', 'pt'],
    costs: ['Medicaid', 'Medicare', 'Insurance'],
    terms: [
      'Medications for Addiction',
      'moud:methadone',
      'moud:buprenorphine',
      'accepts-moud',
      'naloxone',
    ],
    minimumAge: 18,
  },
  {
    id: 'detox',
    org: river,
    name: 'Withdrawal management (detox)',
    description:
      'Medically monitored withdrawal, five to seven days, with a plan for what comes next.',
    at: [places.greenfieldHigh!],
    phone: '+14135550103',
    hours: week('SU,MO,TU,WE,TH,FR,SA', '00:00', '23:59'),
    costs: ['Medicaid', 'Insurance'],
    terms: ['Detox', 'accepts-moud', 'same-day', 'naloxone'],
  },
  {
    id: 'womens-house',
    org: homes,
    name: "Women's recovery residence",
    description: 'A peer-run house for eight women; people on medication are welcome.',
    at: [places.orange!],
    phone: '+19785550104',
    costs: ['Self pay'],
    terms: ['Recovery Residence', 'narr-level:2', 'accepts-moud', 'serves:women'],
  },
  {
    id: 'harm-reduction',
    org: commons,
    name: 'Harm reduction drop-in',
    description: 'Naloxone, test strips, syringe services and a warm room; no questions asked.',
    at: [places.turners!],
    phone: '+14135550105',
    hours: week('MO,WE,FR', '10:00', '16:00'),
    languages: ['en', 'es'],
    costs: ['Free'],
    terms: ['Harm Reduction', 'naloxone', 'walk-in', 'same-day'],
  },
  {
    id: 'peer-coaching',
    org: commons,
    name: 'Peer recovery coaching',
    description: 'Recovery coaches with lived experience, for any pathway.',
    at: [places.turners!, places.orange!],
    phone: '+14135550106',
    hours: week('MO,TU,WE,TH,FR', '09:00', '19:00'),
    costs: ['Free'],
    terms: ['Peer Recovery Support', 'walk-in', 'serves:lgbtq'],
  },
  {
    id: 'counseling',
    org: hill,
    name: 'Outpatient counselling',
    description: 'Individual and group counselling for substance use and mental health.',
    at: [places.shelburne!],
    phone: '+14135550107',
    hours: week('TU,WE,TH', '10:00', '20:00'),
    costs: ['Medicaid', 'Insurance', 'Sliding scale'],
    terms: ['Outpatient Treatment', 'Counseling', 'telehealth', 'serves:veterans'],
  },
  {
    id: 'pantry',
    org: neighbors,
    name: 'Community food pantry',
    description: 'Groceries once a week; no paperwork.',
    at: [places.greenfield!],
    phone: '+14135550108',
    hours: week('TU,TH', '10:00', '14:00'),
    costs: ['Free'],
    terms: ['Food Pantry', 'walk-in'],
  },
  {
    id: 'rides',
    org: neighbors,
    name: 'Rides to treatment',
    description:
      'Free rides to medical and treatment appointments across the county; call two days ahead.',
    at: [places.greenfield!],
    phone: '+14135550109',
    hours: week('MO,TU,WE,TH,FR', '08:00', '16:00'),
    costs: ['Free'],
    terms: ['Transportation for Healthcare'],
  },
  {
    id: 'legal',
    org: neighbors,
    name: 'Record sealing clinic',
    description: 'Lawyers help seal criminal records and fix licences.',
    at: [places.greenfield!],
    phone: '+14135550110',
    hours: week('WE', '13:00', '17:00'),
    costs: ['Free'],
    terms: ['Record Clearing', 'Advocacy & Legal Aid', 'serves:justice-involved'],
  },
  {
    id: 'work',
    org: neighbors,
    name: 'Recovery-friendly job program',
    description: 'Job search and training with employers who hire people in recovery.',
    at: [places.greenfield!, places.orange!],
    phone: '+14135550111',
    hours: week('MO,TU,WE,TH', '09:00', '15:00'),
    costs: ['Free'],
    terms: ['Help Find Work', 'Skills & Training', 'serves:justice-involved'],
  },
];

/** The demo directory as HSDS 3.0 services, nested the way an HSDS API answers. */
export function demoResourceServices(): unknown[] {
  return services.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    status: 'active',
    organization: s.org,
    phones: [{ number: s.phone, type: 'voice' }],
    schedules: s.hours ?? [],
    languages: (s.languages ?? ['en']).map((code) => ({ code })),
    cost_options: s.costs.map((option) => ({ option })),
    attributes: s.terms.map((code) => ({ taxonomy_term: { code } })),
    ...(s.minimumAge !== undefined ? { minimum_age: s.minimumAge } : {}),
    service_areas: [{ name: 'Franklin County, MA' }],
    service_at_locations: s.at.map((place) => ({
      id: `${s.id}@${place.key}`,
      location: location(place),
    })),
  }));
}

/** Loads the demo directory as its own source (a fresh store only; the caller checks). */
export function seedDemoResources(
  resources: ResourceRepository,
  clock: Clock,
  centerId?: string,
): Promise<ResourceImportResult> {
  return applyResourceCollections(
    { resources, clock },
    // The demo center publishes its directory, so the public finder has something to show.
    {
      source: DEMO_RESOURCE_SOURCE,
      location: 'demo',
      format: 'hsds',
      public: true,
      ...(centerId !== undefined ? { centerId } : {}),
    },
    collectionsOfHsdsJson(demoResourceServices()),
  );
}
