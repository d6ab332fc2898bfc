// keyward's own copy of what the shim and the daemon run, so neither depends on where keyward was
// run from: a clone that is moved or deleted, an `npm i -g` that is upgraded, an nvm switch that
// takes the global node_modules with it. Layout of one version (the package's own layout, so code
// that finds its files relative to the package root works the same from there):
//
//   $XDG_DATA_HOME/keyward/versions/<version>-<hash>/
//     package.json, service/*            (version, templates)
//     dist/keyward.mjs                   (the whole CLI and daemon, one file; npm packages inside)
//     dist/shim/credential-process.cjs   (the shim bundle the launcher runs)
//     dist/shim/session-refresh.cjs      (its session cache miss, with the STS client inside)
//     node_modules/keytar/...            (the one native module, which cannot be bundled)
//
// The hash is over the files' contents, so the same build installs once and a rebuilt one installs
// beside it. A version is built in a staging directory and renamed into place (atomic: a reader
// sees all of it or none); the launcher and the service unit are then pointed at it; versions
// nothing points at any more are deleted an hour after that was first seen (a shim started a moment
// before the switch may still be opening its files).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Env } from '../awsconfig/paths.js';
import { KeywardError } from '../errors.js';
import { dataDir } from './paths.js';
import { packageRoot } from './package-root.js';

/** What the launcher and the service run, inside one installed version. */
export interface InstalledVersion {
  dir: string;
  /** dist/keyward.mjs: `node <cli> watch` is the daemon. */
  cli: string;
  /** dist/shim/credential-process.cjs: what the launcher executes. */
  shim: string;
}

const CLI = 'dist/keyward.mjs';
const SHIM = 'dist/shim/credential-process.cjs';
/** The shim's session cache miss (issue 13): lock, MFA prompts and the STS client, required by the shim on a miss only. */
const SESSION_REFRESH = 'dist/shim/session-refresh.cjs';
const OWN_FILES = ['package.json', CLI, SHIM, SESSION_REFRESH, 'service/keyward.service', 'service/dev.keyward.watch.plist', 'service/keyward-task.xml'];
const KEYTAR_FILES = ['package.json', 'lib/keytar.js', 'build/Release/keytar.node', 'build/config.gypi'];
/** How long a version nothing points at is kept (in-flight shims, a daemon not yet restarted). */
export const PRUNE_AFTER_MS = 60 * 60 * 1000;
const UNUSED_MARK = '.unused-since';

export function versionsDir(env: Env, home: string): string {
  return path.join(dataDir(env, home), 'keyward', 'versions');
}

/** Destination (relative to a version) → source file, for the install keyward runs from. */
export function installSources(root: string = packageRoot()): Map<string, string> {
  const sources = new Map<string, string>(OWN_FILES.map((rel) => [rel, path.join(root, rel)]));
  let keytar: string;
  try {
    keytar = path.dirname(createRequire(path.join(root, 'package.json')).resolve('keytar/package.json'));
  } catch {
    throw incomplete('node_modules/keytar');
  }
  for (const rel of KEYTAR_FILES) sources.set(`node_modules/keytar/${rel}`, path.join(keytar, rel));
  for (const [rel, file] of sources) if (!fs.existsSync(file)) throw incomplete(rel);
  return sources;
}

/** `<version>-<12 hex of sha256 over every file's name and bytes>`. */
export function versionName(sources: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const rel of [...sources.keys()].sort()) hash.update(`${rel}\0`).update(fs.readFileSync(sources.get(rel) as string)).update('\0');
  const pkg = JSON.parse(fs.readFileSync(sources.get('package.json') as string, 'utf8')) as { version?: string };
  return `${(pkg.version ?? '0.0.0').replace(/[^\w.+-]/g, '_')}-${hash.digest('hex').slice(0, 12)}`;
}

/** Installs this build as a version (once; idempotent) and returns its paths. */
export function installVersion(env: Env, home: string, root: string = packageRoot()): InstalledVersion {
  const sources = installSources(root);
  const versions = versionsDir(env, home);
  const dir = path.join(versions, versionName(sources));
  if (!isComplete(dir, sources)) {
    fs.mkdirSync(versions, { recursive: true, mode: 0o700 });
    if (fs.existsSync(dir)) moveAside(dir);
    stageAndRename(sources, dir);
  }
  fs.rmSync(path.join(dir, UNUSED_MARK), { force: true });
  return { dir, cli: path.join(dir, CLI), shim: path.join(dir, SHIM) };
}

function isComplete(dir: string, sources: Map<string, string>): boolean {
  return [...sources.keys()].every((rel) => fs.existsSync(path.join(dir, rel)));
}

function stageAndRename(sources: Map<string, string>, dir: string): void {
  const staging = path.join(path.dirname(dir), `.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    for (const [rel, file] of sources) copyDurably(file, path.join(staging, rel));
    fs.renameSync(staging, dir);
  } catch (error) {
    // Another keyward installed the same version first: theirs is complete, ours is surplus.
    const code = (error as NodeJS.ErrnoException).code;
    if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !fs.existsSync(dir)) throw installFailed(dir, error);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function copyDurably(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o755 });
  fs.copyFileSync(from, to);
  fs.chmodSync(to, fs.statSync(from).mode & 0o755);
  const fd = fs.openSync(to, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A damaged version (a file deleted by hand) is renamed away, then deleted, and installed again. */
function moveAside(dir: string): void {
  const aside = `${path.dirname(dir)}/.damaged-${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.renameSync(dir, aside);
  fs.rmSync(aside, { recursive: true, force: true });
}

/**
 * Deletes versions that none of `referrers` (the launcher, the service unit: files whose text names
 * a version's directory) points at, once they have gone unused for PRUNE_AFTER_MS. Returns the
 * names deleted. Never throws: a version left behind costs disk space, not a working profile.
 */
export function pruneVersions(env: Env, home: string, referrers: string[], now: number = Date.now()): string[] {
  const versions = versionsDir(env, home);
  const texts = referrers.map(readOrEmpty);
  const deleted: string[] = [];
  for (const name of listOrEmpty(versions)) {
    const dir = path.join(versions, name);
    try {
      if (name.startsWith('.')) {
        // A staging or damaged directory left by a killed install.
        if (now - fs.statSync(dir).mtimeMs > PRUNE_AFTER_MS) fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (texts.some((text) => text.includes(`${dir}${path.sep}`))) {
        fs.rmSync(path.join(dir, UNUSED_MARK), { force: true });
        continue;
      }
      if (unusedSince(dir, now) + PRUNE_AFTER_MS <= now) {
        fs.rmSync(dir, { recursive: true, force: true });
        deleted.push(name);
      }
    } catch {
      // Left for the next run.
    }
  }
  return deleted;
}

function unusedSince(dir: string, now: number): number {
  const mark = path.join(dir, UNUSED_MARK);
  const since = Number(readOrEmpty(mark));
  if (Number.isFinite(since) && since > 0) return since;
  fs.writeFileSync(mark, String(now));
  return now;
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function listOrEmpty(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function incomplete(rel: string): KeywardError {
  return new KeywardError('install-incomplete', `this keyward installation has no ${rel}, so it cannot install its own copy for the shim and the daemon`,
    "Reinstall keyward (npm i -g keyward), or run 'npm run build' in its checkout, then run the command again; nothing was changed.");
}

function installFailed(dir: string, error: unknown): KeywardError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new KeywardError('install-failed', `could not install keyward's copy into ${dir} (${code})`,
    'Check that the directory is writable and the disk has space, then run the command again; nothing was changed.');
}
