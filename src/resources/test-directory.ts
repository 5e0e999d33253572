/**
 * Small resource directories for tests: a record of each kind with everything a finder shows,
 * shaped by overrides. Used by the directory's, the import's and the search's tests.
 */
import { hsdsId } from '../feeds/hsds/uuid.js';
import {
  noRecoveryAttributes,
  type Location,
  type Organization,
  type ResourceDirectory,
  type Service,
  type ServiceAtLocation,
} from './model.js';

export function testOrganization(
  sourceId: string,
  key: string,
  over: Partial<Organization> = {},
): Organization {
  return {
    id: hsdsId('resource-organization', `${sourceId}:${key}`),
    sourceId,
    sourceKey: key,
    name: `Organization ${key}`,
    phones: [],
    ...over,
  };
}

export function testService(
  organization: Organization,
  key: string,
  over: Partial<Service> = {},
): Service {
  return {
    id: hsdsId('resource-service', `${organization.sourceId}:${key}`),
    sourceId: organization.sourceId,
    sourceKey: key,
    organizationId: organization.id,
    name: `Service ${key}`,
    status: 'active',
    languages: ['en'],
    phones: [],
    schedules: [],
    eligibility: { serves: [] },
    costOptions: [],
    needs: [],
    recovery: noRecoveryAttributes(),
    serviceAreas: [],
    ...over,
  };
}

export function testLocation(
  organization: Organization,
  key: string,
  over: Partial<Location> = {},
): Location {
  return {
    id: hsdsId('resource-location', `${organization.sourceId}:${key}`),
    sourceId: organization.sourceId,
    sourceKey: key,
    organizationId: organization.id,
    locationType: 'physical',
    addresses: [],
    accessibility: [],
    languages: [],
    phones: [],
    schedules: [],
    ...over,
  };
}

export function testServiceAtLocation(service: Service, location: Location): ServiceAtLocation {
  const key = `${service.sourceKey}@${location.sourceKey}`;
  return {
    id: hsdsId('resource-service-at-location', `${service.sourceId}:${key}`),
    sourceId: service.sourceId,
    sourceKey: key,
    serviceId: service.id,
    locationId: location.id,
    phones: [],
    schedules: [],
  };
}

/** A buprenorphine clinic in Greenfield MA that takes Medicaid, and a recovery residence. */
export function franklinCountyDirectory(sourceId: string): ResourceDirectory {
  const org = testOrganization(sourceId, 'org-1', {
    name: 'Valley Health Partners',
    description: 'Community health center.',
    website: 'https://valley.example.org',
  });
  const clinic = testLocation(org, 'loc-1', {
    name: 'Greenfield clinic',
    latitude: 42.5876,
    longitude: -72.5995,
    addresses: [
      {
        type: 'physical',
        address1: '1 Main Street',
        city: 'Greenfield',
        region: 'MA',
        postalCode: '01301',
        country: 'US',
      },
    ],
    accessibility: ['Step-free entrance'],
  });
  const house = testLocation(org, 'loc-2', {
    name: 'Elm House',
    latitude: 42.5951,
    longitude: -72.2267,
  });
  const bupe = testService(org, 'svc-1', {
    name: 'Office-based buprenorphine',
    description: 'Same-day starts on buprenorphine.',
    languages: ['en', 'es'],
    phones: [{ number: '+14135550100', type: 'voice' }],
    schedules: [
      {
        freq: 'WEEKLY',
        byDay: ['MO', 'TU', 'WE', 'TH', 'FR'],
        opensAt: '08:00',
        closesAt: '17:00',
        timeZone: 'America/New_York',
      },
    ],
    costOptions: [{ kind: 'medicaid' }, { kind: 'sliding_scale', description: 'By income' }],
    needs: ['health.addiction-recovery.medications-for-addiction'],
    recovery: {
      ...noRecoveryAttributes(),
      moud: ['buprenorphine'],
      acceptsMoud: true,
      naloxone: true,
      sameDay: true,
      walkIn: true,
    },
    eligibility: { serves: [], minimumAge: 18 },
    serviceAreas: [{ name: 'Franklin County, MA' }],
  });
  const residence = testService(org, 'svc-2', {
    name: 'Elm House recovery residence',
    needs: ['housing.residential-housing.recovery-residence'],
    costOptions: [{ kind: 'self_pay', amount: 150, currency: 'USD', description: 'per week' }],
    recovery: { ...noRecoveryAttributes(), acceptsMoud: true, narrLevel: 2 },
    eligibility: { serves: ['women'] },
  });
  return {
    organizations: [org],
    locations: [clinic, house],
    services: [bupe, residence],
    serviceAtLocations: [
      testServiceAtLocation(bupe, clinic),
      testServiceAtLocation(residence, house),
    ],
  };
}
