// Which profiles hold a long-term key in a file, and what migrating each would change. Pure:
// parsed documents in, a plan out. apply.ts carries it out. The profiles are botocore's
// (awsconfig/profiles.ts): where two config sections name one profile, the key botocore uses is
// the one that moves, and the one it ignores is described as such.
import { DEFAULTS_SECTION } from '../awsconfig/document.js';
import type { Document, Entry, Section } from '../awsconfig/document.js';
import { profileViews } from '../awsconfig/profiles.js';
import type { Place, ProfileView, SourceFile } from '../awsconfig/profiles.js';
import { KeywardError } from '../errors.js';
import { parseCredentialProcessLine } from '../launcher/line.js';

export const KEY_FIELDS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'] as const;

export interface PlanFiles {
  config?: SourceFile;
  credentials?: SourceFile;
}

export interface PlanStep {
  profile: string;
  file: string;
  section: Section;
  accessKeyId: string;
  secretAccessKey: string;
  /** The lines the key occupies, exactly as written (restore puts them back). */
  lines: string[];
  /** Lower-cased keys removed from the section. */
  remove: string[];
  /**
   * Set when the profile already has keyward's credential_process line and this key (which the AWS
   * CLI uses instead, as after `aws configure set aws_access_key_id …`) replaces the key in the item
   * that line names. Only the key lines go; the line stays.
   */
  adopt?: Adoption;
}

export interface Adoption {
  /** The keychain account keyward's line names. */
  account: string;
  /** Where that line is: the item's owner. */
  file: string;
  section: string;
}

export interface Skip {
  profile: string;
  file: string;
  reason: string;
  /** True when a long-term key stays in plaintext because of this skip. */
  leavesKey: boolean;
}

export interface Plan {
  steps: PlanStep[];
  skipped: Skip[];
}

export interface PlanOptions {
  /** Only these profiles; all when empty. */
  profiles: string[];
}

/** Plans credentials before config: where both hold a key, botocore uses the credentials file's. */
export function plan(files: PlanFiles, options: PlanOptions): Plan {
  for (const file of [files.credentials, files.config]) if (file) refuseDefaultKeys(file);
  const result: Plan = { steps: [], skipped: [] };
  const views = [...profileViews(files.config, files.credentials).values()]
    .filter((view) => options.profiles.length === 0 || options.profiles.includes(view.name));
  for (const view of views) {
    let used: PlanStep | undefined;
    const line = keywardLine(view);
    for (const place of [view.credentials, view.config]) {
      // Only a key in the credentials file is used before a credential_process line (botocore's order).
      const outcome = place && judge(view.name, place, used, place === view.credentials ? line : undefined);
      if (!outcome || ('reason' in outcome && used?.adopt && !outcome.leavesKey)) continue;
      if ('reason' in outcome) result.skipped.push(outcome);
      else {
        result.steps.push(outcome);
        used ??= outcome;
      }
    }
    for (const place of view.shadowed) {
      const skip = shadowedSkip(view.name, place, view.config as Place);
      if (skip) result.skipped.push(skip);
    }
  }
  result.steps.sort((a, b) => kindOrder(files, a.file) - kindOrder(files, b.file));
  return result;
}

function kindOrder(files: PlanFiles, file: string): number {
  return file === files.credentials?.path ? 0 : 1;
}

/**
 * botocore gives a [DEFAULT] section's key to every profile without one of its own, so removing
 * a profile's key would quietly switch it to that key. keyward will not guess which profiles rely on it.
 */
function refuseDefaultKeys(file: SourceFile): void {
  const defaults = file.doc.sections.find((s) => s.header === DEFAULTS_SECTION);
  const key = defaults?.entries.find((e) => (KEY_FIELDS as readonly string[]).includes(e.key) && e.value !== '');
  if (!key) return;
  throw new KeywardError('usage', `${file.path} line ${key.line}: the [DEFAULT] section holds ${key.key}, which the AWS CLI gives to every profile without a key of its own`,
    'keyward cannot tell which profiles rely on it. Move that key into the profile sections that use it (and out of [DEFAULT]), then run again; nothing was changed.');
}

function ownEntries(section: Section): Map<string, Entry> {
  return new Map(section.entries.map((e) => [e.key, e]));
}

/** The item keyward's credential_process line (in either file) names for this profile, if it has one. */
function keywardLine(view: ProfileView): Adoption | undefined {
  const setting = view.settings.get('credential_process');
  const parsed = typeof setting?.value === 'string' ? parseCredentialProcessLine(setting.value) : undefined;
  if (!setting || !parsed || setting.section.header === DEFAULTS_SECTION) return undefined;
  return { account: parsed.account, file: setting.file.path, section: setting.section.header };
}

function judge(profile: string, place: Place, used: PlanStep | undefined, line: Adoption | undefined): PlanStep | Skip | undefined {
  const skip = (reason: string, leavesKey: boolean): Skip => ({ profile, file: place.file.path, reason, leavesKey });
  const entries = ownEntries(place.section);
  const id = entries.get('aws_access_key_id');
  const secret = entries.get('aws_secret_access_key');
  const token = entries.get('aws_session_token');
  const process = entries.get('credential_process');
  if (!id && !secret) {
    return process && parseCredentialProcessLine(process.value) ? skip('already uses keyward', false) : undefined;
  }
  if (!id?.value || !secret?.value) return skip('has only half of a key pair; left alone', Boolean(id?.value || secret?.value));
  if (token?.value || id.value.startsWith('ASIA')) {
    return skip('holds temporary credentials (session token); they expire on their own, left alone', false);
  }
  if (!id.value.startsWith('AKIA')) return skip(`key ID does not start with AKIA (not a long-term user key); left alone`, true);
  if (process && !line) {
    return parseCredentialProcessLine(process.value)
      ? skip("holds a key next to keyward's credential_process line, which the AWS CLI uses instead of this key; delete the key lines if they are stale", true)
      : skip('already has a credential_process line next to its key; resolve that by hand', true);
  }
  if (used && (used.accessKeyId !== id.value || used.secretAccessKey !== secret.value)) {
    return skip(`holds a different key than ${used.file}, which the AWS CLI uses instead; left in place for you to delete`, true);
  }
  const removed = [id, secret, ...(token ? [token] : [])];
  return {
    profile, file: place.file.path, section: place.section,
    accessKeyId: id.value, secretAccessKey: secret.value,
    lines: linesOf(place.file.doc, removed), remove: removed.map((e) => e.key),
    ...(line && { adopt: line }),
  };
}

/** A config section botocore never reads, because a later section of the same profile replaces it. */
function shadowedSkip(profile: string, place: Place, winner: Place): Skip | undefined {
  const entries = ownEntries(place.section);
  const id = entries.get('aws_access_key_id')?.value;
  const secret = entries.get('aws_secret_access_key')?.value;
  if (!id && !secret) return undefined;
  return {
    profile, file: place.file.path, leavesKey: Boolean(id?.startsWith('AKIA') && secret),
    reason: `[${place.section.header}] (line ${place.section.line}) is ignored by the AWS CLI: [${winner.section.header}] ` +
      `(line ${winner.section.line}) names the same profile and replaces it. Its key is unused; delete that section by hand once you are sure`,
  };
}

function linesOf(doc: Document, entries: Entry[]): string[] {
  const sorted = [...entries].sort((a, b) => a.line - b.line);
  return sorted.flatMap((e) => doc.lines.slice(e.line - 1, e.lastLine).map((l) => l.text));
}
