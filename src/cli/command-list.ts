// What `keyward` offers, as data: names, one-line summaries, and the options and words shell
// completion offers. registry.ts adds how to load each command; completion reads only this, so
// it never imports the commands it describes.

export interface CommandInfo {
  name: string;
  summary: string;
  /** Its options, for shell completion (a test checks each appears in the command's --help). */
  flags: string[];
  /** Words it takes (subcommands, values), for shell completion. */
  words?: string[];
  /** It rewrites the AWS files: with --format json it prints a JSON object even on error. */
  changesFiles?: boolean;
}

export const COMMAND_LIST: readonly CommandInfo[] = [
  { name: 'scan', summary: 'Report unsafe AWS set-ups: plaintext keys, secrets in shell files, TLS off, loose modes',
    flags: ['--format', '--fail-on', '--help'], words: ['text', 'json', 'sarif', 'high', 'medium', 'low', 'info'] },
  { name: 'migrate', summary: 'Move plaintext AWS keys into the OS keychain and point profiles at the shim',
    flags: ['--yes', '--dry-run', '--profile', '--format', '--help'], changesFiles: true },
  { name: 'restore', summary: 'Put keychain-held keys back into the AWS files (undoes migrate)',
    flags: ['--yes', '--dry-run', '--profile', '--purge', '--format', '--help'], changesFiles: true },
  { name: 'add', summary: 'Store a new AWS key (typed hidden, or from stdin) in the keychain and point a profile at it',
    flags: ['--profile', '--stdin', '--format', '--help'], changesFiles: true },
  { name: 'remove', summary: 'Delete a profile\'s keychain items (its key, previous key, session), or the items no profile uses',
    flags: ['--profile', '--yes', '--from-files', '--previous', '--orphans', '--format', '--help'], changesFiles: true },
  { name: 'status', summary: 'Show where each profile\'s credentials live, open findings and the service',
    flags: ['--format', '--help'] },
  { name: 'policy', summary: 'List the policy keys, the values in force, and what the fleet locked',
    flags: ['--format', '--help'] },
  { name: 'watch', summary: 'Watch for unsafe AWS set-ups and report them as they appear',
    flags: ['--format', '--help'] },
  { name: 'service', summary: 'Install, uninstall or check the per-user background service',
    flags: ['--format', '--help'], words: ['install', 'uninstall', 'status'] },
  { name: 'completion', summary: 'Print a shell completion script for bash, zsh or fish',
    flags: ['--help'], words: ['bash', 'zsh', 'fish'] },
  { name: 'credential-process', summary: 'The shim AWS profiles run: print one profile\'s keychain-held key as credential_process JSON',
    flags: ['--profile', '--item', '--help'] },
];
