// The commands `keyward` knows. Each is loaded only when called, so `keyward scan` never pays
// for the daemon's modules and `--help` loads none of them.
import type { Context } from '../context.js';

export interface CommandModule {
  /** Parses argv (after the command name), does the work, returns the exit code. */
  run(argv: string[], ctx: Context): Promise<number>;
}

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandModule>;
}

export const commands: CommandEntry[] = [
];
