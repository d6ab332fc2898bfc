// keyward restore: puts keychain-held keys back into the AWS files (the uninstall path).
import type { Context } from '../../context.js';
import { jsonToShow, linesToShow } from '../../display.js';
import { formatOutcomes } from '../../migrate/format.js';
import { loadAwsFiles } from '../../migrate/files.js';
import { restore, restoreTargets } from '../../migrate/restore.js';
import { checkProfilesExist } from '../../migrate/run.js';
import { openStore } from '../store.js';
import { formatOption, parseCommandArgs } from '../args.js';

const USAGE = `Usage: keyward restore [--yes] [--profile P]... [--purge] [--format text|json]

Puts each key keyward holds in the keychain back into the section it came from, in place of the
credential_process line, so the AWS CLI reads it from the file again. The keychain items stay
unless --purge is given. Without --yes it lists what it would restore and changes nothing.

  --yes          apply
  --profile P    only this profile (repeatable)
  --purge        also delete the keychain items once their keys are back in the files
  --format F     text (default) or json
`;

export async function run(argv: string[], ctx: Context): Promise<number> {
  const { values } = parseCommandArgs('restore', { args: argv, allowPositionals: false, strict: true, options: {
    yes: { type: 'boolean', default: false }, purge: { type: 'boolean', default: false },
    profile: { type: 'string', multiple: true, default: [] }, format: { type: 'string', default: 'text' },
    help: { type: 'boolean', default: false }, debug: { type: 'boolean', default: false },
  } });
  if (values.help) {
    ctx.out.write(USAGE);
    return 0;
  }
  const format = formatOption(values.format, ['text', 'json'] as const);
  const profiles = values.profile;
  if (!values.yes) return preview(ctx, profiles, format);
  const result = await restore(ctx, await openStore(ctx), { profiles, purge: values.purge });
  if (format === 'json') ctx.out.write(`${jsonToShow({ version: 1, applied: true, ...result })}\n`);
  else {
    const lines = [...formatOutcomes('Restored (the key is back in the file):', result.restored),
      ...formatOutcomes('Not restored:', result.failed)];
    if (result.purged.length > 0) lines.push(linesToShow(`Deleted from the keychain: ${result.purged.join(', ')}`));
    ctx.out.write(`${(lines.length > 0 ? lines : ['Nothing to restore.']).join('\n')}\n`);
  }
  return result.failed.length > 0 ? 1 : 0;
}

function preview(ctx: Context, profiles: string[], format: string): number {
  const files = loadAwsFiles(ctx.env, ctx.home);
  checkProfilesExist(files, profiles);
  const targets = restoreTargets(files, profiles);
  const planned = targets.map((t) => ({ profile: t.profile, file: t.file.path, section: t.section.header }));
  if (format === 'json') ctx.out.write(`${jsonToShow({ version: 1, applied: false, planned })}\n`);
  else if (planned.length === 0) ctx.out.write('Nothing to restore: no profile uses keyward.\n');
  else ctx.out.write(`${['keyward would put these keys back into the files:', ...planned.map((p) => linesToShow(`  ${p.profile} (${p.file}, [${p.section}])`)),
    'Nothing was changed. Run `keyward restore --yes` to apply.'].join('\n')}\n`);
  return 0;
}
