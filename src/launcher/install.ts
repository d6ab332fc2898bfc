// The program every migrated profile's credential_process line names: a tiny /bin/sh script at a
// path that never changes. It records which node and which keyward build to run; an upgrade, a
// move of the install or an nvm switch rewrites the script (installLauncher again) and no AWS
// profile ever has to be edited. Not imported by the shim entry: migrate installs it, the daemon checks it.
//
// The line in the AWS files that names it is launcher/line.ts (pure).
//
// Windows would need a .cmd beside it (credential_process runs without a shell there) and is
// untested; macOS uses the same script under ~/.local/share unless XDG_DATA_HOME says otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellQuote } from '../awsconfig/shlex.js';
import { LAUNCHER_NAME } from './line.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface InstallLauncherOptions {
  env: Env;
  home: string;
  /** Absolute node binary to record; default process.execPath. */
  nodePath?: string;
  /** Absolute path of the built shim entry; default defaultEntry(). */
  entry?: string;
}

/** `$XDG_DATA_HOME/keyward/bin/keyward-credential-process` (default `~/.local/share/...`). */
export function launcherPath(env: Env, home: string): string {
  const data = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
    ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(data, 'keyward', 'bin', LAUNCHER_NAME);
}

/**
 * This build's shim entry: the CommonJS bundle dist/shim/credential-process.cjs (the fast one),
 * or tsc's ESM dist/shim/credential-process.js when the bundle step has not run.
 */
export function defaultEntry(): string {
  const bundle = fileURLToPath(new URL('../shim/credential-process.cjs', import.meta.url));
  return fs.existsSync(bundle) ? bundle : fileURLToPath(new URL('../shim/credential-process.js', import.meta.url));
}

/** The script text; pure, so tests can check it without writing files. */
export function launcherScript(nodePath: string, entry: string): string {
  return [
    '#!/bin/sh',
    '# Written by keyward (installLauncher). AWS profiles run this via credential_process;',
    '# keyward rewrites it on upgrade or when node moves, so the profiles never change.',
    `node=${shellQuote(nodePath)}`,
    `entry=${shellQuote(entry)}`,
    // The recorded node vanished (nvm/asdf switch, package upgrade): use whichever node is on PATH.
    '[ -x "$node" ] || node=node',
    'exec "$node" "$entry" "$@"',
    '',
  ].join('\n');
}

/** Writes the launcher atomically (temp file + rename in the same directory); idempotent. Returns its path. */
export function installLauncher(options: InstallLauncherOptions): string {
  const file = launcherPath(options.env, options.home);
  const text = launcherScript(options.nodePath ?? process.execPath, options.entry ?? defaultEntry());
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(file), 0o700);
  if (readOrNull(file) === text && (fs.statSync(file).mode & 0o777) === 0o700) return file;
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, text, { mode: 0o700 });
    fs.chmodSync(temp, 0o700);
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return file;
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
