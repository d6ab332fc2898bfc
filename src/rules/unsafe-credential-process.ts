// The program a credential_process runs gets to hand the AWS CLI any credentials it likes, and
// runs on every call: whoever can replace it owns the profile.
import path from 'node:path';
import { credentialProcessReferences, programOf } from './references.js';
import type { Reference } from './references.js';
import type { FileStat, ProgramInfo, RawFinding, Rule, Sources } from './types.js';

function writableByOthers(stat: FileStat, uid: number): boolean {
  return (stat.mode & 0o022) !== 0 || (stat.uid !== 0 && stat.uid !== uid);
}

/** A sticky directory (like /tmp) stops others replacing a file they do not own. */
function dirUnsafe(stat: FileStat | null, uid: number): boolean {
  if (!stat) return false;
  if ((stat.mode & 0o1000) !== 0 && (stat.uid === 0 || stat.uid === uid)) return false;
  return writableByOthers(stat, uid);
}

export function programProblem(word: string | undefined, info: ProgramInfo | undefined, uid: number): string | undefined {
  if (word === undefined || word === '') return 'cannot be split into a command line (unbalanced quotes)';
  // botocore passes argv to Popen without a shell: `~` is not expanded and `./x` depends on the working directory.
  if (word.startsWith('~')) return `runs ${word}, but botocore does not expand ~`;
  if (!path.isAbsolute(word) && word.includes('/')) return `runs ${word}, a relative path that depends on the working directory`;
  if (!info?.path || !info.stat) return `runs ${word}, which does not exist${path.isAbsolute(word) ? '' : ' on PATH'}`;
  if (writableByOthers(info.stat, uid)) return `runs ${info.path}, which other users can modify`;
  if (dirUnsafe(info.dirStat, uid)) return `runs ${info.path} from ${path.dirname(info.path)}, a directory other users can write to`;
  return undefined;
}

function finding(ref: Reference, issue: string): RawFinding {
  return {
    ruleId: unsafeCredentialProcess.id, severity: unsafeCredentialProcess.severity, file: ref.file, line: ref.line, profile: ref.profile,
    key: 'credential_process',
    message: `credential_process ${issue}.`,
    remediation: 'Use an absolute path to a program owned by you or root, with `chmod go-w` on it and on its directory.',
  };
}

function check(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const ref of credentialProcessReferences(sources)) {
    const word = programOf(ref.value);
    const issue = programProblem(word, word === undefined ? undefined : sources.programs.get(word), sources.uid);
    if (issue) findings.push(finding(ref, issue));
  }
  return findings;
}

export const unsafeCredentialProcess: Rule = {
  id: 'unsafe-credential-process',
  severity: 'high',
  title: 'credential_process program others can change',
  description: 'The program a credential_process runs (its first word, split the way botocore splits it) is missing, relative, ' +
    'owned by another user, or writable by group/others, or sits in a non-sticky directory others can write to. ' +
    'A bare name (aws-vault) is looked up on PATH as botocore does.',
  check,
};
