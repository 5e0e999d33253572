import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newDataKey } from './envelope.js';
import { lazyKeyring, loadMasterKey } from './master-key-source.js';

const dir = mkdtempSync(join(tmpdir(), 'porchlight-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the master key source', () => {
  it('creates a key file on first use, says where, never what, and reads it back', () => {
    const file = join(dir, 'data', 'master.key');
    const lines: string[] = [];
    const keyring = lazyKeyring({ masterKeyFile: file, createIfMissing: true }, (m) =>
      lines.push(m),
    );
    expect(lines).toEqual([]);
    const first = keyring();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    const key = readFileSync(file, 'utf8').trim();
    expect(lines[0]).not.toContain(key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keyring()).toBe(first);
    const again = loadMasterKey({ masterKeyFile: file, createIfMissing: true }, (m) =>
      lines.push(m),
    );
    expect(again.toString('base64')).toBe(key);
    expect(lines).toHaveLength(1);
  });

  it('prefers the key in the environment, and refuses to start without one when asked not to create', () => {
    const key = newDataKey();
    const fromEnv = loadMasterKey(
      {
        masterKey: key.toString('base64'),
        masterKeyFile: join(dir, 'none'),
        createIfMissing: false,
      },
      () => undefined,
    );
    expect(fromEnv.equals(key)).toBe(true);
    expect(() =>
      loadMasterKey({ masterKeyFile: join(dir, 'none'), createIfMissing: false }, () => undefined),
    ).toThrow(/PORCHLIGHT_MASTER_KEY/);
  });
});
