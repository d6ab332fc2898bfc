// Paths the AWS files and start-up files point at: ca_bundle / AWS_CA_BUNDLE and the program of
// each credential_process. sources/ stats exactly these; the rules judge the stats.
import path from 'node:path';
import { expandPath } from '../awsconfig/paths.js';
import { ShlexError, shlexSplit } from '../awsconfig/shlex.js';
import { awsFiles, profileSections } from './aws-files.js';
import { isComputed } from './patterns.js';
import { assignments, shellFiles, textLines } from './text-lines.js';
import type { Env } from '../awsconfig/paths.js';
import type { AwsFile, TextFile } from './types.js';

export interface Reference {
  file: string;
  line: number;
  profile?: string;
  /** The value as written. */
  value: string;
}

interface ReferenceInput {
  config?: AwsFile;
  credentials?: AwsFile;
  texts: TextFile[];
  env: Env;
  home: string;
}

function settingReferences(input: ReferenceInput, key: string): Reference[] {
  const found: Reference[] = [];
  for (const file of awsFiles(input)) {
    for (const place of profileSections(file)) {
      for (const entry of place.section.entries) {
        if (entry.key === key && entry.value !== '') found.push({ file: file.path, line: entry.line, profile: place.profile, value: entry.value });
      }
    }
  }
  return found;
}

/** Every ca_bundle setting, AWS_CA_BUNDLE literal exported from a start-up file, and AWS_CA_BUNDLE in the environment. */
export function caBundleReferences(input: ReferenceInput): Reference[] {
  const found = settingReferences(input, 'ca_bundle');
  for (const line of textLines(shellFiles(input.texts))) {
    if (line.comment || !line.text.includes('AWS_CA_BUNDLE')) continue;
    for (const a of assignments(line.text)) {
      if (a.name === 'AWS_CA_BUNDLE' && a.value !== '' && !isComputed(a.raw)) found.push({ file: line.file.path, line: line.number, value: a.value });
    }
  }
  const fromEnv = input.env.AWS_CA_BUNDLE;
  // No file sets it here, so the finding points at the bundle itself.
  if (fromEnv) found.push({ file: resolveCaBundle(fromEnv, input.env, input.home), line: 1, value: fromEnv });
  return found;
}

/** botocore expands `~` and variables in ca_bundle; a relative path is relative to the working directory. */
export function resolveCaBundle(value: string, env: Env, home: string): string {
  return path.resolve(expandPath(value, env, home));
}

export function credentialProcessReferences(input: ReferenceInput): Reference[] {
  return settingReferences(input, 'credential_process');
}

/**
 * The program a credential_process runs: the first word of botocore's `shlex.split` (it then calls
 * Popen without a shell, so no `~` or `$VAR` expansion). Undefined when the line cannot be split.
 */
export function programOf(commandLine: string): string | undefined {
  try {
    return shlexSplit(commandLine)[0];
  } catch (error) {
    if (error instanceof ShlexError) return undefined;
    throw error;
  }
}

/** The distinct CA bundle paths and credential_process programs the files name, for sources/ to stat. */
export function referencedPaths(input: ReferenceInput): { caBundles: string[]; programs: string[] } {
  const caBundles = new Set(caBundleReferences(input).map((r) => resolveCaBundle(r.value, input.env, input.home)));
  const programs = new Set(credentialProcessReferences(input).map((r) => programOf(r.value)).filter((w): w is string => !!w));
  return { caBundles: [...caBundles], programs: [...programs] };
}
