// Placeholder until the shim lands (issue 3); replaced by the real entry.
export async function runShim(_argv: string[]): Promise<void> {
  process.stderr.write('keyward: credential-process is not built yet\n');
  process.exitCode = 1;
}
