// One JSON line per credential fetch, so a user (or `keyward status`) can see which programs
// asked for which profile. Never holds a secret: only time, profile, parent process and outcome.
import fs from 'node:fs';
import path from 'node:path';
import { jsonToShow } from '../display.js';
import { logDir, osName } from '../platform/paths.js';

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
  /** Set when keyward's agent (`keyward watch`) served the request over its socket; absent: the shim did. */
  via?: 'agent';
}

/** Where the audit log lives: beside keyward's own log (platform/paths.ts logDir). */
export function auditLogPath(env: Env, home: string, platform: NodeJS.Platform = process.platform): string {
  const os = osName(platform);
  return (os === 'win32' ? path.win32 : path).join(logDir(env, home, os), 'audit.log');
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
  // O_NONBLOCK: a FIFO planted at this path must not hang every AWS CLI call (without a reader
  // the open fails with ENXIO); anything but a regular file is refused after the open.
  const flags = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
  const fd = fs.openSync(file, flags, 0o600);
  try {
    if (!fs.fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREGULAR' });
    fs.writeSync(fd, `${jsonToShow(record)}\n`);
  } finally {
    fs.closeSync(fd);
  }
}
