// `keyward credential-process` reached through the CLI (bin.ts normally dispatches it straight to
// the shim before the CLI loads); listed here so `keyward --help` shows it.
import type { Context } from '../../context.js';

export async function run(argv: string[], _ctx: Context): Promise<number> {
  const { runShim } = await import('../../shim/main.js');
  await runShim(argv);
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
