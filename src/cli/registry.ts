// The commands `keyward` knows. Each is loaded only when called, so `keyward scan` never pays
// for the daemon's modules and `--help` loads none of them.
import type { Context } from '../context.js';
import { COMMAND_LIST } from './command-list.js';
import type { CommandInfo } from './command-list.js';

export interface CommandModule {
  /** Parses argv (after the command name), does the work, returns the exit code. */
  run(argv: string[], ctx: Context): Promise<number>;
}

export interface CommandEntry extends CommandInfo {
  load: () => Promise<CommandModule>;
}

const LOADERS: Record<string, () => Promise<CommandModule>> = {
  'scan': () => import('./commands/scan.js'),
  'migrate': () => import('./commands/migrate.js'),
  'restore': () => import('./commands/restore.js'),
  'add': () => import('./commands/add.js'),
  'remove': () => import('./commands/remove.js'),
  'status': () => import('./commands/status.js'),
  'policy': () => import('./commands/policy.js'),
  'watch': () => import('./commands/watch.js'),
  'service': () => import('./commands/service.js'),
  'completion': () => import('./commands/completion.js'),
  'credential-process': () => import('./commands/credential-process.js'),
};

export const commands: CommandEntry[] = COMMAND_LIST.map((info) => ({ ...info, load: LOADERS[info.name] as () => Promise<CommandModule> }));
