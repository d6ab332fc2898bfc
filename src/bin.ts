// Dispatches before loading anything heavy: the credential_process shim runs on every AWS CLI
// call and must not pay for the CLI's modules.
const argv = process.argv.slice(2);
if (argv[0] === 'credential-process') {
  const shim = await import('./shim/main.js');
  await shim.runShim(argv.slice(1));
} else {
  const cli = await import('./cli/main.js');
  await cli.runProcess(argv);
}
