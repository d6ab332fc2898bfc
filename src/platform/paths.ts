// Where keyward's own files live on each OS. Values in, strings out.
import os from 'node:os';
import path from 'node:path';
import type { Env } from '../awsconfig/paths.js';
import { KeywardError } from '../errors.js';

export type OsName = 'linux' | 'darwin' | 'win32';

/** The OS keyward treats the platform as; anything unknown is handled like Linux. */
export function osName(platform: NodeJS.Platform): OsName {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

/** `$XDG_DATA_HOME` or `~/.local/share` (also on macOS: the launcher and the installed versions live there). */
export function dataDir(env: Env, home: string): string {
  return env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
}

/** `$XDG_STATE_HOME/keyward` (Linux), `~/Library/Logs/keyward` (macOS), `%LOCALAPPDATA%\keyward` (Windows). */
export function logDir(env: Env, home: string, os: OsName): string {
  if (os === 'darwin') return path.join(home, 'Library', 'Logs', 'keyward');
  if (os === 'win32') return path.win32.join(env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local'), 'keyward');
  const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(home, '.local', 'state');
  return path.join(state, 'keyward');
}

export function logFile(env: Env, home: string, os: OsName): string {
  return path.join(logDir(env, home, os), 'keyward.log');
}

/** `$XDG_CONFIG_HOME/systemd/user/keyward.service`; systemd reads the same variable. */
export function systemdUnitPath(env: Env, home: string): string {
  const config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(config, 'systemd', 'user', 'keyward.service');
}

export function launchAgentPath(home: string): string {
  return path.join(home, 'Library', 'LaunchAgents', 'dev.keyward.watch.plist');
}

/**
 * The home directory the AWS CLI uses: $HOME, or, when it is unset or empty, the password
 * database's entry (Python's `expanduser`). A relative HOME is refused: every path keyward
 * writes into an AWS file must be absolute, or it breaks in every other directory.
 */
export function homeDirectory(env: Env, passwdHome: () => string = () => os.userInfo().homedir): string {
  const home = env.HOME;
  if (home && path.isAbsolute(home)) return home;
  if (home) {
    throw new KeywardError('usage', `HOME is a relative path (${home})`, 'Set HOME to your home directory\'s absolute path and run again; nothing was changed.');
  }
  let fromPasswd = '';
  try {
    fromPasswd = passwdHome();
  } catch {
    // No entry for this uid (a container's arbitrary uid): handled below.
  }
  if (path.isAbsolute(fromPasswd)) return fromPasswd;
  throw new KeywardError('usage', 'HOME is not set and the password database has no home directory for this user',
    'Set HOME to your home directory and run again; nothing was changed.');
}
