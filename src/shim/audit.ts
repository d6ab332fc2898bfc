// One JSON line per credential fetch, so a user (or `keyward status`) can see which programs
// asked for which profile. Never holds a secret: only time, profile, parent process and outcome.
import fs from 'node:fs';
import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export interface AuditRecord {
  time: string;
  profile: string;
  ppid: number;
  /** The parent's command name (Linux only: read from /proc, never by spawning `ps`). */
  parent?: string;
  outcome: 'ok' | 'error';
  /** The KeywardError code when outcome is 'error'. */
  error?: string;
}

/** Where the audit log lives on this platform (XDG state dir on Linux and other Unixes). */
export function auditLogPath(env: Env, home: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(base, 'keyward', 'audit.log');
  }
  if (platform === 'darwin') return path.join(home, 'Library', 'Logs', 'keyward', 'audit.log');
  const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME)
    ? env.XDG_STATE_HOME : path.join(home, '.local', 'state');
  return path.join(state, 'keyward', 'audit.log');
}

/** Linux's /proc/<pid>/comm (max 15 chars); undefined elsewhere or when unreadable. */
export function parentCommand(ppid: number, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform !== 'linux') return undefined;
  try {
    return fs.readFileSync(`/proc/${ppid}/comm`, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Appends one line, creating the directory 0700 and the file 0600. Synchronous and unbuffered on
 * purpose: the shim exits right after, and O_APPEND keeps concurrent shims' lines whole.
 */
export function appendAuditRecord(file: string, record: AuditRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.appendFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
}
