/**
 * Which folder may import which: the arrows point one way (see CONTRIBUTING.md, "Layout").
 * `npm run check:imports` runs these rules in CI; a forbidden import fails it.
 * Type-only imports count too: a type names the module it comes from.
 */
const capabilities =
  '^src/(meetings|places|search|feeds|sources|stewardship|accounts|centers|messaging|textline|web|print|reports|demo|cli|resources|referrals|space|rides)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle ties every folder on it into one piece: break it with a port.',
      from: { path: '^src/' },
      // Type-only imports vanish when compiled; a cycle made of them alone does not tie modules.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'platform-knows-no-capability',
      severity: 'error',
      comment: 'The ground floor (database, HTTP, jobs, mail, clock) serves every capability.',
      from: { path: '^src/platform/' },
      to: { path: capabilities },
    },
    {
      name: 'feeds-know-no-sources',
      severity: 'error',
      comment:
        'Feed formats read and write text; sources (schedules, snapshots, refreshes) use them.',
      from: { path: '^src/feeds/' },
      to: { path: '^src/(sources|stewardship|web|cli)/' },
    },
    {
      name: 'cli-only-from-cli',
      severity: 'error',
      comment: 'Commands live in src/cli/ and call services; nothing else imports them.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'routes-receive-services',
      severity: 'error',
      comment: 'A route calls a service; storage is reached through the service, never directly.',
      from: { path: '(^|/|-)(routes|http)[^/]*\\.tsx?$' },
      to: { path: '(repository|repositories)\\.ts$' },
    },
    {
      name: 'accounts-know-no-capability-that-uses-them',
      severity: 'error',
      comment:
        'People, sessions, passkeys and roles serve keeping the list and the center desk alike.',
      from: { path: '^src/accounts/' },
      to: { path: '^src/(stewardship|centers|web|print|cli)/' },
    },
    {
      name: 'sources-reach-keeping-the-list-through-ports',
      severity: 'error',
      comment: 'Imports record history and notify volunteers through ports handed in by the app.',
      from: { path: '^src/sources/' },
      to: { path: '^src/(stewardship|accounts|web|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$|/test-support|\\.test-support\\.' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
