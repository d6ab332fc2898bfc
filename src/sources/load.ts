// Builds the Sources value the rules read: every file scan looks at for one HOME, parsed AWS
// files, and the stats of the paths those files point at (CA bundles, credential_process programs).
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { parse } from '../awsconfig/parse.js';
import { caBundleReferences, credentialProcessReferences, programOf, resolveCaBundle } from '../rules/references.js';
import { scrub } from '../rules/patterns.js';
import { envFileNames, scanPaths } from './paths.js';
import { readTextFile, textLines } from './read.js';
import { statPath } from './stat.js';
import type { Env } from '../awsconfig/paths.js';
import type { AwsFile, FileStat, KeyAge, ProgramInfo, Sources, TextFile } from '../rules/types.js';
import type { ScanError } from './read.js';
import type { TextPath } from './paths.js';

export interface LoadInput {
  env: Env;
  home: string;
  uid: number;
  now: Date;
  extraPaths: string[];
  maxKeyAgeDays: number;
  keyAges: KeyAge[];
}

export interface Loaded {
  sources: Sources;
  errors: ScanError[];
  /** Every path read, or that would be read if it existed. */
  files: string[];
}

async function listEnvFiles(home: string): Promise<string[]> {
  try {
    return envFileNames(await readdir(home));
  } catch {
    return [];
  }
}

async function loadAwsFile(file: string, kind: AwsFile['kind'], errors: ScanError[]): Promise<AwsFile | undefined> {
  const read = await readTextFile(file);
  if (read === null) return undefined;
  if ('error' in read) return void errors.push(read.error);
  const doc = parse(read.text, kind);
  // botocore refuses the whole file: the AWS CLI itself is broken until it is fixed.
  for (const d of doc.diagnostics) {
    errors.push({ file, line: d.line, message: `the AWS CLI refuses this file: ${scrub(d.message)}` });
  }
  return { path: file, kind, doc, stat: read.stat };
}

async function loadText(entry: TextPath, errors: ScanError[]): Promise<TextFile | undefined> {
  const read = await readTextFile(entry.path);
  if (read === null) return undefined;
  if ('error' in read) return void errors.push(read.error);
  return { path: entry.path, kind: entry.kind, lines: textLines(read.text), stat: read.stat };
}

async function safeStat(file: string): Promise<FileStat | null> {
  try {
    return await statPath(file);
  } catch {
    return null;
  }
}

/** Resolves a program the way Popen does: a path as is, a bare name on PATH. */
async function resolveProgram(word: string, env: Env): Promise<ProgramInfo> {
  const candidates = word.includes('/') ? [word] : (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, word));
  for (const candidate of candidates) {
    if (!path.isAbsolute(candidate)) continue;
    const stat = await safeStat(candidate);
    if (stat?.isFile) return { path: candidate, stat, dirStat: await safeStat(path.dirname(candidate)) };
  }
  return { path: null, stat: null, dirStat: null };
}

async function statReferences(sources: Sources): Promise<void> {
  const bundles = new Set(caBundleReferences(sources).map((r) => resolveCaBundle(r.value, sources.env, sources.home)));
  await Promise.all([...bundles].map(async (b) => { sources.caBundles[b] = await safeStat(b); }));
  const words = new Set(credentialProcessReferences(sources).map((r) => programOf(r.value)).filter((w): w is string => !!w));
  await Promise.all([...words].map(async (w) => { sources.programs[w] = await resolveProgram(w, sources.env); }));
}

/** Reads everything the rules look at. Never throws for a file's sake: problems land in `errors`. */
export async function loadSources(input: LoadInput): Promise<Loaded> {
  const errors: ScanError[] = [];
  const paths = scanPaths(input.env, input.home, await listEnvFiles(input.home), input.extraPaths);
  const [config, credentials, awsDirStat, ...texts] = await Promise.all([
    loadAwsFile(paths.config, 'config', errors),
    loadAwsFile(paths.credentials, 'credentials', errors),
    safeStat(paths.awsDir),
    ...paths.texts.map((t) => loadText(t, errors)),
  ]);
  const sources: Sources = {
    home: input.home, env: input.env, uid: input.uid, now: input.now,
    config: config as AwsFile | undefined, credentials: credentials as AwsFile | undefined,
    awsDir: awsDirStat && (awsDirStat as FileStat).isDirectory ? { path: paths.awsDir, stat: awsDirStat as FileStat } : undefined,
    texts: (texts as (TextFile | undefined)[]).filter((t): t is TextFile => t !== undefined),
    caBundles: {}, programs: {}, keyAges: input.keyAges, maxKeyAgeDays: input.maxKeyAgeDays,
  };
  await statReferences(sources);
  const files = [paths.config, paths.credentials, paths.awsDir, ...paths.texts.map((t) => t.path),
    ...Object.keys(sources.caBundles), ...Object.values(sources.programs).flatMap((p) => (p.path ? [p.path] : []))];
  return { sources, errors, files: [...new Set(files)] };
}
