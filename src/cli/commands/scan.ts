// `keyward scan [--format text|json|sarif] [--fail-on SEV]`: report findings for the current user.
// Exit 0 when nothing is at or above --fail-on, 1 when something is, 2 on an error (including an
// AWS file the AWS CLI refuses: the scan of that file is then incomplete and the CLI is broken).
import { KeywardError } from '../../errors.js';
import { formatOption, parseCommandArgs } from '../args.js';
import { loadPolicy } from '../../policy/load.js';
import { formatJson } from '../../report/json.js';
import { packageJson } from '../../platform/package-root.js';
import { formatSarif } from '../../report/sarif.js';
import { formatText } from '../../report/text.js';
import { rules } from '../../rules/index.js';
import { atOrAbove, isSeverity } from '../../rules/types.js';
import { scan } from '../../scan.js';
import type { Context } from '../../context.js';
import type { KeyAge, ScanResult } from '../../scan.js';
import type { Severity } from '../../rules/types.js';
import { EXIT } from '../exit-codes.js';
import { phaseTimer } from '../timings.js';

export const HELP = `Usage: keyward scan [--format text|json|sarif] [--fail-on high|medium|low|info]

Reports unsafe AWS set-ups for the current user: plaintext keys, secrets in shell files,
TLS checks turned off, loose file modes, and more (docs/scan.md lists every rule).

Options:
  --format FORMAT   text (default), json or sarif
  --fail-on SEV     exit 1 when a finding is at or above SEV (default: the policy's fail_on, medium)
  -h, --help        show this help

Exit status: 0 nothing at or above --fail-on, 1 some finding is, 2 an error (bad option,
bad policy, or a file that could not be read or that the AWS CLI refuses).
`;

export interface ScanCommandOptions {
  format: 'text' | 'json' | 'sarif';
  failOn?: Severity;
  help: boolean;
}

export function parse(argv: string[]): ScanCommandOptions {
  const { values } = parseCommandArgs('scan', { args: argv, allowPositionals: false, strict: true,
    options: { format: { type: 'string', default: 'text' }, 'fail-on': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
  const format = formatOption(values.format, ['text', 'json', 'sarif'] as const);
  const failOn = values['fail-on']?.toLowerCase();
  if (failOn !== undefined && !isSeverity(failOn)) {
    throw new KeywardError('usage', `unknown --fail-on '${failOn}'`, 'Use high, medium, low or info.');
  }
  return { format, failOn, help: values.help ?? false };
}

/** SARIF's driver fields from package.json; `homepage` is the informationUri once the package has one. */
async function toolInfo(): Promise<{ name: string; version: string; informationUri: string }> {
  // A broken install (no package.json) still produces a valid log.
  const pkg = packageJson();
  return { name: 'keyward', version: pkg.version ?? '0.0.0', informationUri: pkg.homepage ?? 'https://www.npmjs.com/package/keyward' };
}

/** Keys keyward holds, from the keychain; loaded only when the age rule is on, and only if a store exists. */
async function loadKeyAges(ctx: Context): Promise<KeyAge[]> {
  const [{ listKeyAges }, { openSecretStore }] = await Promise.all([import('../../sources/key-ages.js'), import('../../secrets/open.js')]);
  return listKeyAges(openSecretStore('scan', ctx.env));
}

async function render(result: ScanResult, options: ScanCommandOptions, ctx: Context): Promise<string> {
  if (options.format === 'json') return formatJson(result);
  if (options.format === 'sarif') {
    return formatSarif(result, await toolInfo(), rules);
  }
  return formatText(result, { color: ctx.out.isTTY && !ctx.env.NO_COLOR });
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const timer = phaseTimer(ctx.env);
  const options = parse(argv);
  if (options.help) {
    ctx.out.write(HELP);
    return EXIT.ok;
  }
  const policy = await loadPolicy(ctx);
  timer?.mark('policy');
  for (const warning of policy.warnings) ctx.err.write(`keyward: ${warning}\n`);
  const result = await scan(ctx, policy, { loadKeyAges: () => loadKeyAges(ctx), onPhase: timer?.mark });
  const report = await render(result, options, ctx);
  timer?.mark('report');
  ctx.out.write(report);
  timer?.mark('write');
  if (timer) ctx.err.write(timer.report());
  if (result.errors.length > 0) return EXIT.error;
  const failOn = options.failOn ?? policy.failOn;
  return result.findings.some((f) => atOrAbove(f.severity, failOn)) ? EXIT.incomplete : EXIT.ok;
}
