// keyward remove: deletes a profile's keychain items (or only its previous key, or the items no
// profile uses). Shows what it will delete and asks on a terminal, like migrate.
import { notifyAgent } from '../../agent/client.js';
import type { Context } from '../../context.js';
import { commandToShow, jsonToShow, linesToShow } from '../../display.js';
import { KeywardError } from '../../errors.js';
import { label } from '../../lifecycle/orphans.js';
import type { KeptItem, Orphan } from '../../lifecycle/orphans.js';
import { listOrphans, planRemoval, removeOrphans, removeProfile } from '../../lifecycle/remove.js';
import type { RemovalPlan, RemoveOptions } from '../../lifecycle/remove.js';
import { openLifecycleStores } from '../../lifecycle/stores.js';
import type { LifecycleStores } from '../../lifecycle/stores.js';
import { formatOption, parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';

const USAGE = `Usage: keyward remove --profile P [--yes] [--from-files] [--previous] [--format text|json]
       keyward remove --orphans [--yes] [--format text|json]

Deletes the keychain items keyward keeps for a profile: its key, a previous key, a pending
rotation and a cached session. While a credential_process line in the AWS files still points at
the key, it refuses unless --from-files also removes that line (every other byte of the file is
kept). Without --yes it shows what it would delete and, on a terminal, asks; elsewhere it only shows it.

  --profile P    the profile whose items to delete
  --previous     delete only the previous key (once you retired it in IAM)
  --from-files   also remove the profile's credential_process line from the AWS files
  --orphans      delete the items no profile's credential_process line names
  -y, --yes      delete without asking
  --format F     text (default) or json
  -h, --help     show this help
`;

interface RemoveArgs extends RemoveOptions {
  yes: boolean;
  format: 'text' | 'json';
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const { values } = parseCommandArgs('remove', { args: argv, allowPositionals: false, strict: true, options: {
    profile: { type: 'string' }, yes: { type: 'boolean', short: 'y', default: false }, 'from-files': { type: 'boolean', default: false },
    previous: { type: 'boolean', default: false }, orphans: { type: 'boolean', default: false }, format: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h', default: false },
  } });
  if (values.help) {
    ctx.out.write(USAGE);
    return EXIT.ok;
  }
  const format = formatOption(values.format, ['text', 'json'] as const);
  const stores = openLifecycleStores(ctx);
  if (values.orphans) {
    if (values.profile !== undefined || values.previous || values['from-files']) {
      throw new KeywardError('usage', '--orphans cannot be combined with --profile, --previous or --from-files', "Run 'keyward remove --help'.");
    }
    return orphans(ctx, stores, values.yes, format);
  }
  if (values.profile === undefined) throw new KeywardError('usage', 'keyward remove needs --profile P (or --orphans)', "Run 'keyward remove --help'.");
  if (values.previous && values['from-files']) {
    throw new KeywardError('usage', '--previous deletes only the previous key and leaves the files alone; it cannot be combined with --from-files', "Run 'keyward remove --help'.");
  }
  const args: RemoveArgs = { profile: values.profile, fromFiles: values['from-files'], previous: values.previous, yes: values.yes, format };
  return profile(ctx, stores, args);
}

async function profile(ctx: Context, stores: LifecycleStores, args: RemoveArgs): Promise<number> {
  const plan = await planRemoval(ctx, stores, args);
  if (!args.yes) {
    const shown = describePlan(args, plan);
    if (!ctx.interactive || args.format === 'json') return preview(ctx, args.format, shown, plan, thisCommand(args));
    ctx.out.write(shown);
    if (!(await confirm(ctx, 'Delete them now? [y/N] '))) return EXIT.ok;
  }
  const result = await removeProfile(ctx, stores, args);
  // The agent answers from memory: it must forget what was deleted.
  if (result.deleted.length > 0) await notifyAgent(ctx.env);
  if (args.format === 'json') ctx.out.write(`${jsonToShow({ version: 1, applied: true, ...result })}\n`);
  else {
    const lines = result.linesRemoved.map((l) => `Removed keyward's credential_process line from ${l.file} [${l.section}]; the profile now has no credentials.`);
    lines.push(`Deleted from the keychain: ${result.deleted.map(label).join(', ') || 'nothing'}`);
    ctx.out.write(`${linesToShow(lines.join('\n'))}\n`);
  }
  return result.deleted.length < result.items.length ? EXIT.incomplete : EXIT.ok;
}

function describePlan(args: RemoveArgs, plan: RemovalPlan): string {
  const lines = ['keyward will delete these keychain items:', ...plan.items.map((i) => `  ${label(i)}`)];
  if (args.fromFiles) lines.push(...plan.lines.map((l) => `and remove keyward's credential_process line from ${l.file} [${l.section}] (the profile will have no credentials)`));
  if (plan.items.some((i) => i.kind === 'previous' || i.kind === 'key')) lines.push('Deactivate or delete these keys in IAM too if nobody uses them any more.');
  return `${linesToShow(lines.join('\n'))}\n`;
}

function thisCommand(args: RemoveArgs): string {
  return commandToShow(['keyward', 'remove', '--profile', args.profile, ...(args.previous ? ['--previous'] : []), ...(args.fromFiles ? ['--from-files'] : []), '--yes']);
}

function preview(ctx: Context, format: 'text' | 'json', shown: string, plan: object, command: string): number {
  if (format === 'json') ctx.out.write(`${jsonToShow({ version: 1, applied: false, planned: plan })}\n`);
  else ctx.out.write(`${shown}Nothing was changed. Run \`${command}\` to apply.\n`);
  return EXIT.ok;
}

async function confirm(ctx: Context, question: string): Promise<boolean> {
  const yes = /^y(es)?$/i.test((await ctx.prompt(question)).trim());
  if (!yes) ctx.out.write('Nothing was changed.\n');
  return yes;
}

async function orphans(ctx: Context, stores: LifecycleStores, yes: boolean, format: 'text' | 'json'): Promise<number> {
  const found = await listOrphans(ctx, stores, { keepPrevious: false });
  if (found.orphans.length === 0) {
    ctx.out.write(format === 'json' ? `${jsonToShow({ version: 1, applied: false, planned: found })}\n` : orphanText(found.orphans, found.kept));
    return EXIT.ok;
  }
  if (!yes) {
    const shown = orphanText(found.orphans, found.kept);
    if (!ctx.interactive || format === 'json') return preview(ctx, format, shown, found, commandToShow(['keyward', 'remove', '--orphans', '--yes']));
    ctx.out.write(shown);
    if (!(await confirm(ctx, 'Delete them now? [y/N] '))) return EXIT.ok;
  }
  const result = await removeOrphans(ctx, stores, { keepPrevious: false, ...(yes ? {} : { only: found.orphans }) });
  if (result.deleted.length > 0) await notifyAgent(ctx.env);
  if (format === 'json') ctx.out.write(`${jsonToShow({ version: 1, applied: true, ...result })}\n`);
  else ctx.out.write(`${linesToShow(`Deleted from the keychain: ${result.deleted.map(label).join(', ') || 'nothing'}${keptText(result.kept)}`)}\n`);
  return EXIT.ok;
}

function orphanText(found: Orphan[], kept: KeptItem[]): string {
  const lines = found.length === 0 ? ['No keychain item is without a profile.'] : ['These keychain items are named by no profile\'s credential_process line:', ...found.map((o) => `  ${label(o)}`)];
  return `${linesToShow(lines.join('\n') + keptText(kept))}\n`;
}

function keptText(kept: KeptItem[]): string {
  return kept.map((k) => `\nKept: ${label(k)}: ${k.reason}`).join('');
}
