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
  { name: 'scan', summary: 'Report unsafe AWS set-ups: plaintext keys, secrets in shell files, TLS off, loose modes', load: () => import('./commands/scan.js') },
  { name: 'migrate', summary: 'Move plaintext AWS keys into the OS keychain and point profiles at the shim', load: () => import('./commands/migrate.js') },
  { name: 'restore', summary: 'Put keychain-held keys back into the AWS files (undoes migrate)', load: () => import('./commands/restore.js') },
  { name: 'status', summary: 'Show where each profile\'s credentials live, open findings and the service', load: () => import('./commands/status.js') },
  { name: 'watch', summary: 'Watch for unsafe AWS set-ups and report them as they appear', load: () => import('./commands/watch.js') },
  { name: 'service', summary: 'Install, uninstall or check the per-user background service', load: () => import('./commands/service.js') },
  { name: 'credential-process', summary: 'The shim AWS profiles run: print one profile\'s keychain-held key as credential_process JSON', load: () => import('./commands/credential-process.js') },
];
