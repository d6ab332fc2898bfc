// `aws configure` writes the files 0600 inside a 0700 ~/.aws; anything looser lets other local
// users (or a compromised service account) read them.
import { awsFiles, isPair, staticCredentials } from './aws-files.js';
import { findKeyIds, findSecrets } from './patterns.js';
import { storedKeys } from './secret-in-tool-config.js';
import type { AwsFile, FileStat, RawFinding, Rule, Sources } from './types.js';
import type { ToolConfigFile } from '../sources/types.js';

function holdsSecrets(file: AwsFile): boolean {
  if (staticCredentials(file).some(isPair)) return true;
  return file.doc.lines.some((line) => findKeyIds(line.text).length > 0 || findSecrets(line.text).length > 0);
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

function fileFinding(file: AwsFile): RawFinding | undefined {
  const mode = file.stat.mode;
  if ((mode & 0o077) === 0) return undefined;
  const secrets = holdsSecrets(file);
  return {
    ruleId: insecureFilePermissions.id, severity: secrets ? 'high' : 'low', file: file.path, line: 1, key: 'mode',
    message: `The AWS ${file.kind} file is mode ${octal(mode)}: ${mode & 0o022 ? 'other users can change it' : 'other users can read it'}` +
      `${secrets ? ', and it holds credentials' : ''}.`,
    remediation: `Run \`chmod 600 ${file.path}\`.`,
  };
}

function dirFinding(dir: { path: string; stat: FileStat }): RawFinding | undefined {
  const mode = dir.stat.mode;
  if ((mode & 0o077) === 0) return undefined;
  // A listable directory only shows names; a writable one lets others swap the files inside.
  const writable = (mode & 0o022) !== 0;
  return {
    ruleId: insecureFilePermissions.id, severity: writable ? 'high' : 'low', file: dir.path, line: 1, key: 'mode',
    message: `The directory ${dir.path} is mode ${octal(mode)}: ${writable ? 'other users can replace the files in it' : 'other users can list it'}.`,
    remediation: `Run \`chmod 700 ${dir.path}\`.`,
  };
}

/** s3fs, rclone and mc credential files: the same 0600 rule, high while they hold an AWS key. */
function toolFinding(file: ToolConfigFile): RawFinding | undefined {
  const mode = file.stat.mode;
  if ((mode & 0o077) === 0) return undefined;
  const secrets = storedKeys(file).length > 0;
  return {
    ruleId: insecureFilePermissions.id, severity: secrets ? 'high' : 'low', file: file.path, line: 1, key: 'mode',
    message: `The ${file.tool} credentials file is mode ${octal(mode)}: ${mode & 0o022 ? 'other users can change it' : 'other users can read it'}` +
      `${secrets ? ', and it holds an AWS key' : ''}.`,
    remediation: `Run \`chmod 600 '${file.path.replace(/'/g, `'\\''`)}'\`.`,
  };
}

function check(sources: Sources): RawFinding[] {
  const findings = [...awsFiles(sources).map(fileFinding), ...(sources.toolConfigs ?? []).map(toolFinding)];
  if (sources.awsDir) findings.push(dirFinding(sources.awsDir));
  return findings.filter((f): f is RawFinding => f !== undefined);
}

export const insecureFilePermissions: Rule = {
  id: 'insecure-file-permissions',
  severity: 'high',
  title: 'AWS files readable or writable by others',
  description: 'The config or credentials file has any group/other permission bit (high if it holds a key or secret, else low), ' +
    'or ~/.aws is group/other accessible (high if writable, else low); the same for s3fs\'s, rclone\'s and mc\'s ' +
    'credentials files (high while they hold an AWS key).',
  check,
};
