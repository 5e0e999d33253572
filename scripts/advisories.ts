/**
 * What `npm audit --omit=dev --json` said, read: the production dependencies are clean at the
 * level asked, have advisories at or above it, or the advisory database could not be asked (no
 * network, a registry mirror without the audit endpoint). CI fails only on the second: an
 * unreachable registry is said, not taken as a pass or a failure.
 */
export type AuditReading =
  | { kind: 'clean'; counts: Record<string, number> }
  | { kind: 'found'; counts: Record<string, number>; packages: string[] }
  | { kind: 'unreachable'; reason: string };

const levels = ['info', 'low', 'moderate', 'high', 'critical'] as const;
export type AuditLevel = (typeof levels)[number];

export function readAudit(stdout: string, level: AuditLevel): AuditReading {
  let report: {
    metadata?: { vulnerabilities?: Record<string, number> };
    vulnerabilities?: Record<string, { severity?: string }>;
    message?: string;
    error?: { summary?: string };
  };
  try {
    report = JSON.parse(stdout) as typeof report;
  } catch {
    return { kind: 'unreachable', reason: 'npm audit gave no report' };
  }
  const counts = report.metadata?.vulnerabilities;
  if (counts === undefined)
    return {
      kind: 'unreachable',
      reason: report.message ?? report.error?.summary ?? 'npm audit gave no counts',
    };
  const floor = levels.indexOf(level);
  const packages = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => levels.indexOf((v.severity ?? 'info') as AuditLevel) >= floor)
    .map(([name, v]) => `${name} (${v.severity})`);
  return packages.length === 0 ? { kind: 'clean', counts } : { kind: 'found', counts, packages };
}
