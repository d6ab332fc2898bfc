// keyward migrate: shows the plan; with --yes (or a "y" at the TTY prompt) applies it.
import { formatOption, parseCommandArgs } from '../args.js';
import type { Context } from '../../context.js';
import { keysElsewhere } from '../../migrate/exported.js';
import { formatPlan, formatResult, planSummary } from '../../migrate/format.js';
import { checkEnvironment, migrate, planMigration, refreshLauncher, shimLineFor } from '../../migrate/run.js';
import type { MigrateResult } from '../../migrate/run.js';
import { notifyAgent } from '../../agent/client.js';
import { openSecretStore } from '../../secrets/open.js';
import { decodeItem } from '../../secrets/item.js';
import type { Plan } from '../../migrate/plan.js';
import { redact } from '../../redact.js';
import { EXIT } from '../exit-codes.js';
import { jsonToShow, linesToShow } from '../../display.js';

const USAGE = `Usage: keyward migrate [--yes] [--dry-run] [--profile P]... [--format text|json]

Moves each long-term AWS access key (AKIA…) found in ~/.aws/credentials or ~/.aws/config into
the OS keychain and points that profile at keyward's credential_process shim. Without --yes it
shows the plan and, on a terminal, asks before changing anything; elsewhere it only shows it.

  -y, --yes      apply without asking
  --dry-run      show the plan and change nothing, even with --yes
  --profile P    only this profile (repeatable)
  --format F     text (default) or json (a summary for fleet scripts)
  -h, --help     show this help
`;

export interface MigrateArgs {
  yes: boolean;
  dryRun: boolean;
  profiles: string[];
  format: 'text' | 'json';
  help: boolean;
}

export function parse(argv: string[]): MigrateArgs {
  const { values } = parseCommandArgs('migrate', { args: argv, allowPositionals: false, strict: true, options: {
    yes: { type: 'boolean', short: 'y', default: false }, 'dry-run': { type: 'boolean', default: false },
    profile: { type: 'string', multiple: true, default: [] }, format: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h', default: false },
  } });
  return { yes: values.yes, dryRun: values['dry-run'], profiles: values.profile, format: formatOption(values.format, ['text', 'json'] as const), help: values.help };
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    ctx.out.write(USAGE);
    return EXIT.ok;
  }
  const { files, plan } = planMigration(ctx, args.profiles);
  checkEnvironment(ctx, plan.steps);
  const shimLine = shimLineFor(ctx);
  const leavesKey = plan.skipped.some((s) => s.leavesKey) ? EXIT.incomplete : EXIT.ok;
  // Copies of the keys in shell files: shown in the plan and after the run, read once.
  const elsewhere = keysElsewhere(ctx, plan.steps);
  const mayApply = plan.steps.length > 0 && !args.dryRun;
  let apply = mayApply && args.yes;
  const held = args.yes && !args.dryRun ? new Map<string, string>() : await heldKeys(ctx, plan);
  if (mayApply && !args.yes && ctx.interactive && args.format === 'text') {
    ctx.out.write(formatPlan(plan, shimLine, elsewhere, held));
    apply = await ask(ctx, plan.steps.length);
    if (!apply) {
      ctx.out.write('Nothing was changed.\n');
      return leavesKey;
    }
  } else if (!apply) {
    if (args.yes && !args.dryRun) refreshLauncher(ctx, files);
    if (args.format === 'json') writeJson(ctx, { applied: false, dryRun: args.dryRun, planned: planSummary(plan), migrated: [], skipped: plan.skipped, failed: [] });
    else ctx.out.write(formatPlan(plan, shimLine, elsewhere, held) + hint(args, plan.steps.length));
    return leavesKey;
  }
  const result = await migrate(ctx, openSecretStore('command', ctx.env), { profiles: args.profiles });
  // A running agent may hold an item this run replaced (a re-migrated profile with a new key).
  if (result.migrated.length > 0) await notifyAgent(ctx.env);
  if (args.format === 'json') writeJson(ctx, { applied: true, dryRun: false, planned: planSummary(plan), ...result, elsewhere });
  else {
    ctx.out.write(formatResult(result));
    for (const copy of elsewhere) {
      ctx.out.write(`${linesToShow(`Note: the key of profile ${copy.profile} also appears in ${copy.file} line ${copy.line}; remove it there too, or it stays in plaintext.`)}\n`);
    }
  }
  return exitCodeFor(result);
}

/**
 * For the plan shown before asking: the redacted key each adoption replaces. A keychain that cannot
 * be read here only makes the plan vaguer; the run itself reports it.
 */
async function heldKeys(ctx: Context, plan: Plan): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  const accounts = [...new Set(plan.steps.flatMap((s) => (s.adopt ? [s.adopt.account] : [])))];
  if (accounts.length === 0) return held;
  try {
    const store = openSecretStore('command', ctx.env);
    for (const account of accounts) {
      const password = await store.get(account);
      held.set(account, password === null ? 'no key (the item is missing)' : redact(decodeItem(password, account).AccessKeyId));
    }
  } catch {
    // Shown as "its current key".
  }
  return held;
}

async function ask(ctx: Context, count: number): Promise<boolean> {
  const answer = await ctx.prompt(`Move ${count} key${count === 1 ? '' : 's'} into the keychain now? [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}

function hint(args: MigrateArgs, count: number): string {
  if (count === 0) return '';
  return args.dryRun ? 'Dry run: nothing was changed.\n' : 'Nothing was changed. Run `keyward migrate --yes` to apply.\n';
}

function writeJson(ctx: Context, summary: Omit<MigrateResult, 'skipped'> & { skipped: unknown[]; applied: boolean; dryRun: boolean; planned: object[]; elsewhere?: object[] }): void {
  ctx.out.write(`${jsonToShow({ version: 1, ...summary })}\n`);
}

/** 1 when a long-term key is still in plaintext after the run. */
function exitCodeFor(result: MigrateResult): number {
  return result.failed.length > 0 || result.skipped.some((s) => s.leavesKey) ? EXIT.incomplete : EXIT.ok;
}
