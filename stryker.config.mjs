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
    // The session and endpoint planning code (issues 12 and 13): pure decisions, unit-tested.
    'src/sessions/settings.ts',
    'src/aws/settings.ts',
    'src/aws/proxy.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two cores, shared with the rest of the machine.
  concurrency: 2,
  // A static mutant (a module-level constant such as the key regexes) can only be tested by
  // re-running every unit test with the module reloaded; here that would triple the run time. They
  // are reported as Ignored and left out of the score; `npm run mutate -- --ignoreStatic false`
  // tests them too.
  ignoreStatic: true,
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
