// Refuses to run the suite outside scripts/test-env.sh: tests write keychain items and AWS files,
// and must never do so in the developer's own keyring or HOME.
export default function setup(): void {
  if (process.env.KEYWARD_TEST_SESSION !== '1') {
    throw new Error('Run the tests with `npm test` (scripts/test-env.sh starts a private keyring and HOME).');
  }
}
