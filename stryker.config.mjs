// Mutation testing of the pure core (`npm run mutate`, inside scripts/test-env.sh). Not part of
// `npm test`: it takes minutes (see README, "Mutation testing"). Surviving mutants judged
// equivalent are listed in docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: [
    'src/awsconfig/**/*.ts',
    'src/rules/**/*.ts',
    'src/redact.ts',
    'src/migrate/plan.ts',
    'src/policy/**/*.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two cores, shared: one worker keeps the machine usable.
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  thresholds: { high: 90, low: 85, break: 85 },
  // Re-runs only the mutants whose code or covering tests changed since the last run; the full
  // first run writes this file (delete it, or run with --force, to start over).
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
