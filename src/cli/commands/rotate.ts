// keyward rotate: a new IAM access key for one profile, verified and promoted, the old one retired.
import { notifyAgent } from '../../agent/client.js';
import type { Context } from '../../context.js';
import { commandToShow, linesToShow } from '../../display.js';
import { KeywardError } from '../../errors.js';
import { unfinishedRotation } from '../../lifecycle/journal.js';
import { rotate } from '../../lifecycle/rotate.js';
import type { RotateResult } from '../../lifecycle/rotate.js';
import { RotationStopped } from '../../lifecycle/rotate-steps.js';
import { rotateTarget } from '../../lifecycle/rotate-target.js';
import { loadPolicy } from '../../policy/load.js';
import { redact } from '../../redact.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';

const USAGE = `Usage: keyward rotate --profile P [--yes] [--delete-old | --deactivate-old]

Replaces the access key keyward holds for profile P with a new one, through IAM, signed with the
stored key: ListAccessKeys (stops if the user already has two keys), CreateAccessKey, store the new
key in the keychain (read back), check it with sts:GetCallerIdentity, make the profile use it, then
set the old key Inactive in IAM. The old key stays in the keychain as the profile's previous key.
A run that was interrupted is finished (or undone) by the next \`keyward rotate\`.

  --profile P        the profile to rotate (required)
  -y, --yes          rotate without asking
  --delete-old       delete the old key in IAM now (and forget it), instead of only deactivating it
  --deactivate-old   deactivate the old key and keep it (the default); the next rotate deletes it
                     once the policy's rotation_grace_days have passed
  -h, --help         show this help

Exit codes: 0 rotated, 1 stopped (two keys already, AWS refused, the new key did not work: nothing
lost), 2 error. The IAM permissions it needs are in the README (keyward rotate).
`;

export async function run(argv: string[], ctx: Context): Promise<number> {
  const { values } = parseCommandArgs('rotate', { args: argv, allowPositionals: false, strict: true, options: {
    profile: { type: 'string' }, yes: { type: 'boolean', short: 'y', default: false },
    'delete-old': { type: 'boolean', default: false }, 'deactivate-old': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  } });
  if (values.help) {
    ctx.out.write(USAGE);
    return EXIT.ok;
  }
  const profile = values.profile;
  if (profile === undefined || profile === '') throw new KeywardError('usage', 'rotate needs --profile P', "Run 'keyward rotate --help'.");
  if (values['delete-old'] && values['deactivate-old']) {
    throw new KeywardError('usage', '--delete-old and --deactivate-old cannot be used together', 'Choose one; --deactivate-old is the default.');
  }
  if (!values.yes && !(await confirmed(ctx, profile, values['delete-old']))) return EXIT.ok;
  const policy = await loadPolicy(ctx);
  try {
    // The agent (keyward watch) answers from memory: once the item changed it must read it again.
    const promoted = (account: string) => notifyAgent(ctx.env, account);
    const result = await rotate(ctx, { profile, deleteOld: values['delete-old'], graceDays: policy.rotationGraceDays, retry: retryFrom(ctx), promoted });
    ctx.out.write(`${report(result)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof RotationStopped)) throw error;
    ctx.err.write(`${linesToShow(`keyward rotate: ${error.message}`)}\n${error.hint ? `${linesToShow(error.hint)}\n` : ''}`);
    return EXIT.incomplete;
  }
}

/** Like migrate: on a terminal, ask; elsewhere only say what --yes would do. */
async function confirmed(ctx: Context, profile: string, deleteOld: boolean): Promise<boolean> {
  const target = rotateTarget(ctx, profile);
  const unfinished = unfinishedRotation(ctx.env, ctx.home, target.account);
  const plan = unfinished
    ? `An interrupted rotation of profile '${profile}' (at step ${unfinished.step}) will be finished or undone.`
    : `keyward would create a new access key in IAM for profile '${profile}', switch the profile to it, and ${deleteOld ? 'delete' : 'deactivate'} the old key.`;
  ctx.out.write(`${linesToShow(plan)}\n`);
  if (!ctx.interactive) {
    ctx.out.write(`Nothing was changed. Run \`${commandToShow(['keyward', 'rotate', '--profile', profile, ...(deleteOld ? ['--delete-old'] : []), '--yes'])}\` to apply.\n`);
    return false;
  }
  const answer = await ctx.prompt('Rotate now? [y/N] ');
  if (/^y(es)?$/i.test(answer.trim())) return true;
  ctx.out.write('Nothing was changed.\n');
  return false;
}

/** KEYWARD_ROTATE_RETRY_MS: the first wait while IAM propagates the new key (tests shorten it). */
function retryFrom(ctx: Context): { attempts: number; delayMs: number } {
  const ms = Number(ctx.env.KEYWARD_ROTATE_RETRY_MS);
  return { attempts: 8, delayMs: Number.isInteger(ms) && ms >= 0 ? ms : 2000 };
}

function report(r: RotateResult): string {
  const lines: string[] = [];
  if (r.resumed === true) lines.push('Finished an interrupted rotation.');
  if (r.resumed === 'rolled-back') lines.push('Undid an interrupted rotation (its new key never reached the keychain) and started again.');
  for (const id of r.graceDeleted) lines.push(`Deleted the previous key ${redact(id)} in IAM (inactive past rotation_grace_days).`);
  lines.push(`Profile '${r.profile}' now uses ${redact(r.newKeyId)}.`);
  lines.push(r.oldKey === 'deleted'
    ? `The old key ${redact(r.oldKeyId)} was deleted in IAM.`
    : `The old key ${redact(r.oldKeyId)} is inactive in IAM and kept as the profile's previous key; \`${commandToShow(['keyward', 'rotate', '--profile', r.profile, '--delete-old'])}\` next time, or the next rotate after rotation_grace_days, deletes it.`);
  return linesToShow(lines.join('\n'));
}
