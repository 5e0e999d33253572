import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProjectRoot, projectRoot } from './paths.js';

describe('project root', () => {
  it('is the directory of package.json, from the sources and from a compiled copy', () => {
    expect(projectRoot).toBe(join(import.meta.dirname, '..', '..'));
    const root = mkdtempSync(join(tmpdir(), 'porchlight-root-'));
    writeFileSync(join(root, 'package.json'), '{}');
    const compiled = join(root, 'dist', 'server', 'platform');
    mkdirSync(compiled, { recursive: true });
    expect(findProjectRoot(compiled)).toBe(root);
    expect(findProjectRoot(join(root))).toBe(root);
  });
});
