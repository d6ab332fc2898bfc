// Builds the Sources value the rules read: every file scan looks at for one HOME, parsed AWS
// files, and the stats of the paths those files point at (CA bundles, credential_process programs).
import path from 'node:path';
import { existsSync, realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { readAwsFile } from './aws-file.js';
import { envFileNames, scanPaths } from './paths.js';
import { readTextFile, textLines } from './read.js';
import { historyPaths, readHistory } from './history.js';
import type { HistoryCache } from './history.js';
import { readToolConfig, toolConfigPaths } from './tool-configs.js';
import { statPath } from './stat.js';
import type { Env } from '../awsconfig/paths.js';
import type { AwsFile, FileError, FileStat, HistoryFile, KeyAge, ProgramInfo, Sources, TextFile } from './types.js';
import type { TextPath } from './paths.js';

export interface LoadInput {
  env: Env;
  home: string;
  uid: number;
  now: Date;
  extraPaths: string[];
  maxKeyAgeDays: number;
  keyAges: KeyAge[];
  /** Kept between scans by the daemon: history files are then read only from where the last read stopped. */
  historyCache?: HistoryCache;
}

export interface Loaded {
  sources: Sources;
  errors: FileError[];
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

function loadAwsFile(file: string, kind: AwsFile['kind'], errors: FileError[]): AwsFile | undefined {
  const read = readAwsFile(file, kind);
  errors.push(...read.errors);
  // A refused file is still scanned: its keys are as exposed as anyone's.
  if (!read.file) return undefined;
  const gitWorkTree = read.file.stat.isSymlink ? workTreeOf(file) : undefined;
  return gitWorkTree ? { ...read.file, gitWorkTree } : read.file;
}

/** The git work tree (a directory holding `.git`) that a symlink's target lies in, if any. */
function workTreeOf(link: string): string | undefined {
  let dir: string;
  try {
    dir = path.dirname(realpathSync(link));
  } catch {
    return undefined;
  }
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function loadText(entry: TextPath, errors: FileError[]): TextFile | undefined {
  const read = readTextFile(entry.path);
  if (read === null) return undefined;
  if ('error' in read) return void errors.push(read.error);
  return { path: entry.path, kind: entry.kind, lines: textLines(read.text), stat: read.stat };
}

function loadHistory(read: ReturnType<typeof readHistory>, errors: FileError[]): HistoryFile | undefined {
  if (read === null) return undefined;
  if ('error' in read) return void errors.push(read.error);
  return read.file;
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

/** What the read files point at (rules/references.ts knows which settings do): CA bundles and programs. */
export interface References {
  caBundles: string[];
  programs: string[];
}

/** Stats what the files point at, so the rules can judge it; adds them to `loaded.files` (the daemon watches them). */
export async function statReferences(loaded: Loaded, references: References): Promise<void> {
  const { sources } = loaded;
  await Promise.all(references.caBundles.map(async (b) => { sources.caBundles.set(b, await safeStat(b)); }));
  await Promise.all(references.programs.map(async (w) => { sources.programs.set(w, await resolveProgram(w, sources.env)); }));
  const more = [...sources.caBundles.keys(), ...[...sources.programs.values()].flatMap((p) => (p.path ? [p.path] : []))];
  loaded.files = [...new Set([...loaded.files, ...more])];
}

/**
 * Reads every file the rules look at. Never throws for a file's sake: problems land in `errors`.
 * What those files point at is stat'ed afterwards (statReferences).
 */
export async function loadSources(input: LoadInput): Promise<Loaded> {
  const errors: FileError[] = [];
  const paths = scanPaths(input.env, input.home, await listEnvFiles(input.home), input.extraPaths);
  const config = loadAwsFile(paths.config, 'config', errors);
  const credentials = loadAwsFile(paths.credentials, 'credentials', errors);
  const texts = paths.texts.map((t) => loadText(t, errors)).filter((t): t is TextFile => t !== undefined);
  const awsDirStat = await safeStat(paths.awsDir);
  const historyFiles = historyPaths(input.env, input.home, texts);
  const histories = historyFiles.map((h) => loadHistory(readHistory(h, input.historyCache), errors))
    .filter((h): h is HistoryFile => h !== undefined);
  const toolFiles = toolConfigPaths(input.env, input.home);
  const toolConfigs = toolFiles.map((t) => readToolConfig(t, errors)).filter((t) => t !== undefined);
  const sources: Sources = {
    home: input.home, env: input.env, uid: input.uid, now: input.now, config, credentials,
    awsDir: awsDirStat?.isDirectory ? { path: paths.awsDir, stat: awsDirStat } : undefined,
    texts, histories, toolConfigs, caBundles: new Map(), programs: new Map(), keyAges: input.keyAges, maxKeyAgeDays: input.maxKeyAgeDays,
  };
  const files = [paths.config, paths.credentials, paths.awsDir, ...paths.texts.map((t) => t.path),
    ...historyFiles.map((h) => h.path), ...toolFiles.map((t) => t.path)];
  return { sources, errors, files: [...new Set(files)] };
}
