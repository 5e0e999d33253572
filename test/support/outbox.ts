import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The mail written to `DATA_DIR/outbox/`, oldest first; none while the folder does not exist. */
export function outboxMessages(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'outbox'))
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readFileSync(join(dataDir, 'outbox', f), 'utf8'));
  } catch {
    return [];
  }
}
