import { describe, expect, it } from 'vitest';
import { readAudit } from '../scripts/advisories.js';

const report = (vulnerabilities: Record<string, { severity: string }>) =>
  JSON.stringify({
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 1, critical: 0 } },
  });

describe('reading npm audit', () => {
  it('fails on an advisory at or above the level, and names the package', () => {
    const found = readAudit(
      report({ a: { severity: 'moderate' }, b: { severity: 'high' } }),
      'high',
    );
    expect(found).toMatchObject({ kind: 'found', packages: ['b (high)'] });
  });

  it('passes when every advisory is below the level', () => {
    expect(readAudit(report({ a: { severity: 'moderate' } }), 'high').kind).toBe('clean');
  });

  it('says the database could not be asked rather than passing or failing', () => {
    // What a registry mirror without the audit endpoint answers (seen on this project's CI).
    const mirror = JSON.stringify({
      message:
        '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
    });
    expect(readAudit(mirror, 'high')).toEqual({
      kind: 'unreachable',
      reason: expect.stringContaining('405') as string,
    });
    expect(readAudit('', 'high').kind).toBe('unreachable');
  });
});
