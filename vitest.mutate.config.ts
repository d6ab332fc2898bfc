// The tests Stryker runs against each mutant (`npm run mutate`): the unit tests of the pure core
// it mutates, which import src/ directly. The integration and end-to-end tests run the built dist/
// through the CLI or spawn python, so they cannot see a mutant in src/ or are too slow to run per
// mutant; the unit tests of the other folders cover no mutated file.
// (Not mergeConfig with vitest.config.ts: it would append to `include`, not replace it.)
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/awsconfig/**/*.test.ts',
      'test/unit/rules/**/*.test.ts',
      'test/unit/policy/**/*.test.ts',
      // loadPolicy's tests moved here; they import src/ and read small temp files, so they are fast.
      'test/integration/policy/load.test.ts',
      'test/unit/migrate/plan.test.ts',
      'test/unit/redact*.test.ts',
      'test/unit/report/**/*.test.ts',
      'test/unit/sessions/settings.test.ts',
      'test/unit/aws/settings.test.ts',
      'test/unit/aws/proxy.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
  },
});
