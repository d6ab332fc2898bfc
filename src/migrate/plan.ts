// Which profiles hold a long-term key in a file, and what migrating each would change. Pure:
// parsed documents in, a plan out. apply.ts carries it out.
import type { Document, Entry, Section } from '../awsconfig/document.js';
import { sectionRole } from '../awsconfig/profiles.js';

export const KEY_FIELDS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'] as const;

export interface AwsFile {
  path: string;
  doc: Document;
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
  /** Recognises keyward's own credential_process values. */
  isKeywardLine: (value: string) => boolean;
}

interface Candidate {
  profile: string;
  file: AwsFile;
  section: Section;
  entries: Map<string, Entry>;
}

function candidates(file: AwsFile): Candidate[] {
  const out: Candidate[] = [];
  for (const section of file.doc.sections) {
    const role = sectionRole(section.header, file.doc.kind);
    if (role.kind !== 'profile') continue;
    const entries = new Map(section.entries.map((e) => [e.key, e]));
    out.push({ profile: role.name, file, section, entries });
  }
  return out;
}

/** Plans credentials before config: where both hold a key, botocore uses the credentials file's. */
export function plan(files: AwsFile[], options: PlanOptions): Plan {
  const result: Plan = { steps: [], skipped: [] };
  const ordered = [...files].sort((a, b) => (a.doc.kind === b.doc.kind ? 0 : a.doc.kind === 'credentials' ? -1 : 1));
  const effective = new Map<string, PlanStep>();
  for (const candidate of ordered.flatMap(candidates)) {
    if (options.profiles.length > 0 && !options.profiles.includes(candidate.profile)) continue;
    const outcome = judge(candidate, options, effective.get(candidate.profile));
    if (!outcome) continue;
    if ('reason' in outcome) result.skipped.push(outcome);
    else {
      result.steps.push(outcome);
      if (!effective.has(candidate.profile)) effective.set(candidate.profile, outcome);
    }
  }
  return result;
}

function judge(c: Candidate, options: PlanOptions, earlier: PlanStep | undefined): PlanStep | Skip | undefined {
  const skip = (reason: string, leavesKey: boolean): Skip => ({ profile: c.profile, file: c.file.path, reason, leavesKey });
  const id = c.entries.get('aws_access_key_id');
  const secret = c.entries.get('aws_secret_access_key');
  const token = c.entries.get('aws_session_token');
  const process = c.entries.get('credential_process');
  if (!id && !secret) {
    return process && options.isKeywardLine(process.value) ? skip('already uses keyward', false) : undefined;
  }
  if (!id?.value || !secret?.value) return skip('has only half of a key pair; left alone', Boolean(id?.value || secret?.value));
  if (token?.value || id.value.startsWith('ASIA')) {
    return skip('holds temporary credentials (session token); they expire on their own, left alone', false);
  }
  if (!id.value.startsWith('AKIA')) return skip(`key ID does not start with AKIA (not a long-term user key); left alone`, true);
  if (process) return skip('already has a credential_process line next to its key; resolve that by hand', true);
  if (earlier && (earlier.accessKeyId !== id.value || earlier.secretAccessKey !== secret.value)) {
    return skip(`holds a different key than ${earlier.file}, which the AWS CLI uses instead; left in place for you to delete`, true);
  }
  const removed = [id, secret, ...(token ? [token] : [])];
  return {
    profile: c.profile, file: c.file.path, section: c.section,
    accessKeyId: id.value, secretAccessKey: secret.value,
    lines: linesOf(c.file.doc, removed), remove: removed.map((e) => e.key),
  };
}

function linesOf(doc: Document, entries: Entry[]): string[] {
  const sorted = [...entries].sort((a, b) => a.line - b.line);
  return sorted.flatMap((e) => doc.lines.slice(e.line - 1, e.lastLine).map((l) => l.text));
}
