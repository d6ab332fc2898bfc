import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each file runs in its own process: keytar's libsecret connection and any env a test sets stay in it.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One retry, for the tests in flight when gnome-keyring-daemon aborts itself under the suite's
    // parallel load (scripts/test-env.sh restarts it and says so on stderr; docs/testing.md). A test
    // that fails twice fails.
    retry: 1,
  },
});
