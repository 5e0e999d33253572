import pino from 'pino';
import { createApp, type App, type AppPorts } from '../../src/app.js';
import { loadConfig, type ConfigOverrides } from '../../src/platform/config.js';
import { isolatedUrl } from './databases.js';
import { createOfflineGeocoder } from '../../src/places/gazetteer.js';

/** One gazetteer for every test app of a worker: its tables take a moment to load. */
const sharedGeocoder = createOfflineGeocoder();

/** An app on an in-memory database (or the given URL), quiet, without demo data unless asked. */
export async function createTestApp(
  overrides: ConfigOverrides = {},
  ports: AppPorts = {},
): Promise<App> {
  const databaseUrl = await isolatedUrl(overrides.databaseUrl ?? 'sqlite::memory:');
  const config = loadConfig(
    {},
    {
      demo: false,
      publicUrl: 'https://meetings.example.org',
      // Test feeds are served on the loopback: allowed the way an operator allows a local mirror.
      feedAllowPrivate: ['loopback'],
      ...overrides,
      databaseUrl,
    },
  );
  return createApp(config, {
    logger: pino({ level: 'silent' }),
    geocoder: sharedGeocoder,
    ...ports,
  });
}
