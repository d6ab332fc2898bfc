// Refuses to run the suite outside scripts/test-env.sh: tests write keychain items and AWS files,
// and must never do so in the developer's own keyring or HOME.
export default function setup(): void {
  if (process.env.KEYWARD_TEST_SESSION !== '1') {
    throw new Error('Run the tests with `npm test` (scripts/test-env.sh starts a private keyring and HOME).');
  }
  // scripts/ci-node-versions.sh names the node each run must use, so a PATH mistake cannot pass
  // off one version's results as another's.
  const expected = process.env.KEYWARD_EXPECT_NODE;
  if (expected && expected !== process.version) {
    throw new Error(`KEYWARD_EXPECT_NODE is ${expected} but the tests run on node ${process.version} (${process.execPath})`);
  }
}
