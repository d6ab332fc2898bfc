// The program every migrated profile's credential_process line names: a tiny /bin/sh script at a
// path that never changes. It records which node and which installed keyward version to run
// (platform/install.ts: a copy under keyward's data dir, never the checkout or npm prefix keyward
// was run from); an upgrade, a moved checkout or an nvm switch rewrites the script (installLauncher
// again) and no AWS profile ever has to be edited. Not imported by the shim entry: migrate installs it, the daemon checks it.
//
// The line in the AWS files that names it is launcher/line.ts (pure).
//
// Windows would need a .cmd beside it (credential_process runs without a shell there) and is
// untested; macOS uses the same script under ~/.local/share unless XDG_DATA_HOME says otherwise.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { KeywardError } from '../errors.js';
import { installVersion, pruneVersions } from '../platform/install.js';
import { dataDir, launchAgentPath, systemdUnitPath } from '../platform/paths.js';
import { cliScriptPath, installCliScript } from './cli-script.js';
import { fastPathBlock } from './fast-path.js';
import { LAUNCHER_NAME } from './line.js';
import { nodeLines, writeScriptIfChanged } from './script-file.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface InstallLauncherOptions {
  env: Env;
  home: string;
  /** Absolute node binary to record; default process.execPath. */
  nodePath?: string;
  /** Absolute path of the shim entry; default: this build's shim, installed as a version. */
  entry?: string;
  /** Node-API version keytar's addon was built for; default keytarNodeApi(). */
  napi?: number;
}

/** What the launcher records besides the paths: the recording node's version and keytar's Node-API. */
export interface LauncherNeeds {
  /** process.version of the node recorded, for people reading the script. */
  nodeVersion: string;
  /** Lowest Node-API a fallback node must offer; 0: unknown, no check. */
  napi: number;
}

/**
 * The Node-API version this install's keytar addon was compiled for (node-gyp's napi_build_version
 * in keytar/build/config.gypi), 0 when unknown (a prebuilt addon). A node with a lower Node-API
 * does not refuse such an addon: it crashes loading it (SIGSEGV; seen with keytar built against
 * Node 24's headers, Node-API 10, loaded by Node 20, Node-API 9), so the launcher checks first.
 */
export function keytarNodeApi(): number {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('keytar/package.json'));
    const gypi = fs.readFileSync(path.join(dir, 'build', 'config.gypi'), 'utf8');
    return Number(/"napi_build_version":\s*"(\d+)"/.exec(gypi)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** `$XDG_DATA_HOME/keyward/bin/keyward-credential-process` (default `~/.local/share/...`). */
export function launcherPath(env: Env, home: string): string {
  return path.join(dataDir(env, home), 'keyward', 'bin', LAUNCHER_NAME);
}

/** Deletes installed versions that neither the launcher nor the service unit names any more. */
export function pruneUnusedVersions(env: Env, home: string, now?: number): string[] {
  return pruneVersions(env, home, [launcherPath(env, home), cliScriptPath(env, home), systemdUnitPath(env, home), launchAgentPath(home)], now);
}

/** The script text; pure, so tests can check it without writing files. */
export function launcherScript(nodePath: string, entry: string, needs: Partial<LauncherNeeds> = {}): string {
  const napi = needs.napi ?? 0;
  return [
    '#!/bin/sh',
    '# Written by keyward (installLauncher). AWS profiles run this via credential_process;',
    '# keyward rewrites it on upgrade or when node moves, so the profiles never change.',
    `# Recorded by node ${needs.nodeVersion ?? 'unknown'}; keytar's addon here needs Node-API ${napi || 'unknown'}.`,
    ...fastPathBlock(),
    ...nodeLines(nodePath, entry, napi),
    `[ -f "$entry" ] || { echo "keyward: its shim $entry is gone (keyward moved or uninstalled); reinstall keyward, then run 'keyward migrate' to record it" >&2; exit 1; }`,
    // Not exec: after a keychain timeout the shim ends itself with SIGINT (a keytar thread stuck in
    // D-Bus would hold up exit(); docs/shim.md), and callers must see 1 like any other failure, not
    // 130. SIGINT because shells print no "Terminated"-style notice for it.
    '"$node" "$entry" "$@"',
    'status=$?',
    '[ "$status" -eq 130 ] && exit 1',
    'exit "$status"',
    '',
  ].join('\n');
}

/** Writes the launcher atomically (temp file + rename in the same directory); idempotent. Returns its path. */
export function installLauncher(options: InstallLauncherOptions): string {
  const file = launcherPath(options.env, options.home);
  const napi = options.napi ?? keytarNodeApi();
  if (options.nodePath === undefined && Number(process.versions.napi) < napi) {
    throw new KeywardError('keychain-unavailable', `keytar here was built for Node-API ${napi}, and this node (${process.version}) offers ${process.versions.napi}: it would crash loading it`,
      'Run keyward with the node it was installed with, or rebuild it under this one (npm rebuild in its directory, or npm i -g keyward).');
  }
  // An explicit shim entry (tests, a development checkout) sits in a package layout: its CLI is dist/keyward.mjs there.
  const { shim: entry, cli } = options.entry === undefined ? installVersion(options.env, options.home)
    : { shim: options.entry, cli: path.join(path.dirname(path.dirname(path.dirname(options.entry))), 'dist', 'keyward.mjs') };
  const nodePath = options.nodePath ?? process.execPath;
  const nodeVersion = options.nodePath === undefined ? process.version : 'unknown';
  writeScriptIfChanged(file, launcherScript(nodePath, entry, { nodeVersion, napi }));
  // The installed `keyward` (issue 16: scans answered by the daemon) runs the same node and version.
  installCliScript({ env: options.env, home: options.home, nodePath, cli, napi, nodeVersion });
  pruneUnusedVersions(options.env, options.home);
  return file;
}

