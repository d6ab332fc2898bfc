// keyward restore: puts keychain-held keys back into the AWS files (the uninstall path).
import type { Context } from '../../context.js';
import { jsonToShow, linesToShow } from '../../display.js';
import { formatOutcomes } from '../../migrate/format.js';
import { checkProfilesExist, loadAwsFiles } from '../../migrate/files.js';
import { restore, restoreTargets } from '../../migrate/restore.js';
import { notifyAgent } from '../../agent/client.js';
import { openSecretStore } from '../../secrets/open.js';
import { describeError } from '../../errors.js';
import { label } from '../../lifecycle/orphans.js';
import type { KeptItem, Orphan } from '../../lifecycle/orphans.js';
import { removeOrphans } from '../../lifecycle/remove.js';
import { openLifecycleStores } from '../../lifecycle/stores.js';
import { formatOption, parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';

const USAGE = `Usage: keyward restore [--yes] [--dry-run] [--profile P]... [--purge] [--format text|json]

Puts each key keyward holds in the keychain back into the section it came from, in place of the
credential_process line, so the AWS CLI reads it from the file again. The keychain items stay
unless --purge is given. Without --yes it lists what it would restore and, on a terminal, asks;
elsewhere it changes nothing.

  -y, --yes      apply without asking
  --dry-run      show what it would restore and change nothing, even with --yes
  --profile P    only this profile (repeatable)
  --purge        also delete the keychain items once their keys are back in the files
  --format F     text (default) or json
  -h, --help     show this help
`;

export async function run(argv: string[], ctx: Context): Promise<number> {
  const { values } = parseCommandArgs('restore', { args: argv, allowPositionals: false, strict: true, options: {
    yes: { type: 'boolean', short: 'y', default: false }, 'dry-run': { type: 'boolean', default: false }, purge: { type: 'boolean', default: false },
    profile: { type: 'string', multiple: true, default: [] }, format: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h', default: false },
  } });
  if (values.help) {
    ctx.out.write(USAGE);
    return EXIT.ok;
  }
  const format = formatOption(values.format, ['text', 'json'] as const);
  const profiles = values.profile;
  const planned = plannedRestores(ctx, profiles);
  const dryRun = values['dry-run'];
  if (dryRun || !values.yes) {
    // Like migrate: on a terminal, show the plan and ask; elsewhere (or with --dry-run) only show it.
    if (dryRun || !ctx.interactive || format === 'json' || planned.length === 0) return preview(ctx, planned, format, dryRun);
    ctx.out.write(`${formatPlanned(planned)}\n`);
    const answer = await ctx.prompt(`Put ${planned.length} key${planned.length === 1 ? '' : 's'} back into the files now? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      ctx.out.write('Nothing was changed.\n');
      return EXIT.ok;
    }
  }
  const result = await restore(ctx, openSecretStore('command', ctx.env), { profiles, purge: values.purge, sessions: openSecretStore('command', ctx.env, 'session') });
  const cleaned = await cleanUp(ctx, values.purge, new Set(result.kept.map((k) => k.account)));
  // The agent must stop serving a key that is back in a file (or purged): the next call reads again.
  if (result.restored.length > 0 || result.purged.length > 0 || cleaned.deleted.length > 0) await notifyAgent(ctx.env);
  if (format === 'json') ctx.out.write(`${jsonToShow({ version: 1, applied: true, ...result, orphans: cleaned })}\n`);
  else {
    const lines = [...formatOutcomes('Restored (the key is back in the file):', result.restored),
      ...formatOutcomes('Not restored:', result.failed)];
    if (result.purged.length > 0) lines.push(linesToShow(`Deleted from the keychain: ${result.purged.join(', ')}`));
    for (const kept of result.kept) lines.push(`Kept in the keychain: '${kept.account}': ${kept.reason}`);
    lines.push(...cleanUpText(cleaned));
    if (result.restored.length > 0) {
      lines.push("The background service will not migrate these profiles again on its own (auto_migrate); run 'keyward migrate' to move them back.");
    }
    ctx.out.write(`${(lines.length > 0 ? lines : ['Nothing to restore.']).join('\n')}\n`);
  }
  return result.failed.length > 0 ? EXIT.incomplete : EXIT.ok;
}

interface CleanUp {
  deleted: Orphan[];
  kept: KeptItem[];
  error?: string;
}

/**
 * After the keys are back in the files: the cached sessions of profiles that no longer use keyward
 * go, and with --purge every item no profile uses (lifecycle/orphans.ts), previous keys not yet
 * retired excepted. The restore itself is done: a keychain error here is reported, not fatal.
 */
async function cleanUp(ctx: Context, purge: boolean, spare: ReadonlySet<string>): Promise<CleanUp> {
  try {
    return await removeOrphans(ctx, openLifecycleStores(ctx), { keepPrevious: true, spare, ...(purge ? {} : { kinds: ['session'] }) });
  } catch (error) {
    return { deleted: [], kept: [], error: describeError(error) };
  }
}

function cleanUpText(cleaned: CleanUp): string[] {
  const lines: string[] = [];
  const items = cleaned.deleted.filter((d) => d.kind !== 'session');
  if (items.length > 0) lines.push(linesToShow(`Deleted items no profile uses: ${items.map(label).join(', ')}`));
  for (const kept of cleaned.kept) lines.push(linesToShow(`Kept in the keychain: ${label(kept)}: ${kept.reason}`));
  if (cleaned.error) lines.push(linesToShow(`Could not clean up the keychain items no profile uses: ${cleaned.error}`));
  return lines;
}

interface Planned {
  profile: string;
  file: string;
  section: string;
}

function plannedRestores(ctx: Context, profiles: string[]): Planned[] {
  const files = loadAwsFiles(ctx.env, ctx.home);
  checkProfilesExist(files, profiles);
  return restoreTargets(files, profiles).map((t) => ({ profile: t.profile, file: t.file.path, section: t.section.header }));
}

function formatPlanned(planned: Planned[]): string {
  return ['keyward would put these keys back into the files:', ...planned.map((p) => linesToShow(`  ${p.profile} (${p.file}, [${p.section}])`))].join('\n');
}

function preview(ctx: Context, planned: Planned[], format: string, dryRun: boolean): number {
  if (format === 'json') ctx.out.write(`${jsonToShow({ version: 1, applied: false, dryRun, planned })}\n`);
  else if (planned.length === 0) ctx.out.write('Nothing to restore: no profile uses keyward.\n');
  else ctx.out.write(`${formatPlanned(planned)}\n${dryRun ? 'Dry run: nothing was changed.' : 'Nothing was changed. Run `keyward restore --yes` to apply.'}\n`);
  return EXIT.ok;
}
