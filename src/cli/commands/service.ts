// `keyward service install|uninstall|status`: the per-user background service for this OS.
import { formatOption, parseCommandArgs } from '../args.js';
import type { Context } from '../../context.js';
import { KeywardError } from '../../errors.js';
import { osName } from '../../platform/paths.js';
import type { ServiceResult, ServiceState } from '../../platform/service.js';
import { servicePlatform } from '../../platform/service.js';
import { EXIT } from '../exit-codes.js';
import { installLauncher, pruneUnusedVersions } from '../../launcher/install.js';

const ACTIONS = ['install', 'uninstall', 'status'] as const;
type Action = (typeof ACTIONS)[number];

const HELP = `Usage: keyward service install|uninstall|status [--format text|json]

install    write and start the per-user service that runs 'keyward watch' at login
           (systemd user unit on Linux, LaunchAgent on macOS, logon task on Windows)
uninstall  stop it and remove it
status     say whether it is installed and running

Options:
  --format text|json  text (default) or json
  -h, --help          show this help
`;

export interface ServiceOptions {
  action: Action | 'help';
  format: 'text' | 'json';
}

export function parse(argv: string[]): ServiceOptions {
  const { values, positionals } = parseCommandArgs('service', { args: argv, allowPositionals: true, strict: true,
    options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return { action: 'help', format: 'text' };
  const [action, ...extra] = positionals;
  if (!ACTIONS.includes(action as Action) || extra.length > 0) {
    throw new KeywardError('usage', `expected one of ${ACTIONS.join(', ')}`, "Run 'keyward service --help'.");
  }
  return { action: action as Action, format: formatOption(values.format, ['text', 'json'] as const) };
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const options = parse(argv);
  if (options.action === 'help') {
    ctx.out.write(HELP);
    return EXIT.ok;
  }
  // The installed `keyward` script (scans answered by the daemon) and the credential_process launcher
  // name the same installed version as the unit: a user who only installs the service gets both.
  if (options.action === 'install') installLauncher({ env: ctx.env, home: ctx.home });
  const platform = await servicePlatform({ env: ctx.env, home: ctx.home, os: osName(process.platform) });
  const outcome = options.action === 'status' ? await platform.status() : await platform[options.action]();
  // The unit now names this build's installed version (or nothing): older ones may go.
  if (options.action !== 'status') pruneUnusedVersions(ctx.env, ctx.home);
  ctx.out.write(options.format === 'json' ? `${JSON.stringify(outcome)}\n` : describe(options.action, outcome));
  if ('warnings' in outcome) for (const warning of outcome.warnings) ctx.err.write(`keyward: ${warning}\n`);
  // An install whose service manager refused to start it did not do its job: say so in the exit code.
  return options.action === 'install' && 'warnings' in outcome && outcome.warnings.length > 0 ? EXIT.error : EXIT.ok;
}

function describe(action: Action, outcome: ServiceResult | ServiceState): string {
  if ('installed' in outcome) {
    const state = `${outcome.installed ? 'installed' : 'not installed'}, ${outcome.running ? 'running' : 'not running'}`;
    return `keyward service: ${state} (${outcome.file})${outcome.detail ? `\n  ${outcome.detail}` : ''}\n`;
  }
  if (action === 'install') return `keyward service: ${outcome.changed ? 'wrote' : 'already up to date:'} ${outcome.file}\n`;
  return outcome.changed ? `keyward service: removed ${outcome.file}\n` : 'keyward service: was not installed\n';
}
