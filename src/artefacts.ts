import { createApp } from './app.js';
import { MeetingGuideFeedSchema } from './feeds/meeting-guide/feed-schema.js';
import { loadConfig } from './platform/config.js';
import pino from 'pino';

/**
 * The generated documents that are committed to the repository (so reviewers see API changes
 * in diffs), keyed by their path. A test fails when the committed files drift from these.
 */
export async function renderArtefacts(): Promise<Record<string, string>> {
  const config = loadConfig(
    {},
    { databaseUrl: 'sqlite::memory:', demo: false, publicUrl: 'http://localhost:8080' },
  );
  const app = await createApp(config, { logger: pino({ level: 'silent' }) });
  try {
    return {
      'docs/api/openapi.json': `${JSON.stringify(app.server.swagger(), null, 2)}\n`,
      'schemas/meeting-guide.json': `${JSON.stringify(MeetingGuideFeedSchema, null, 2)}\n`,
    };
  } finally {
    await app.close();
  }
}
