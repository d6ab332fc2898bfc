// Where the agent's socket lives. Values in, strings out: the daemon (server.ts), the client
// (client.ts) and the launcher's fast path (launcher/fast-path.ts, the same rule in /bin/sh) must
// all name the same path, so the rule is written once here and a test runs the shell copy against it.
import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export const AGENT_SOCKET_NAME = 'agent.sock';
/** The first (and only) API version; a client asks `/v1/...`, a later agent may serve both. */
export const AGENT_API = 'v1';
/** `POST /v1/scan` (scan-route.ts) and the installed script that calls it (launcher/cli-script.ts): the body's last element. */
export const SCAN_END = 'KEYWARD-END-OF-ENV';
/** The scan's answer status that stands for exit 1 (a 2xx, so curl treats it as an answer). */
export const SCAN_FINDINGS_STATUS = 299;

export interface AgentPlace {
  platform?: NodeJS.Platform;
  /** This user's uid (process.getuid()); names the fallback directory on Linux. */
  uid?: number;
}

/**
 * The per-user directory (mode 0700) that holds the socket:
 * - `$XDG_RUNTIME_DIR/keyward` when XDG_RUNTIME_DIR is an absolute path (systemd/pam set it for
 *   desktop and ssh sessions and for the user's services: private, tmpfs, removed at log-out);
 * - macOS: `$TMPDIR/keyward` (launchd gives each user a private 0700 `/var/folders/.../T/`);
 * - otherwise `/tmp/keyward-UID`, tmux's choice (`/tmp/tmux-UID`) for the same need: a local
 *   file system (a socket cannot live on an NFS home), a name per user, and the directory's
 *   owner and mode checked by both sides before use (another user may create it first: then the
 *   agent refuses to serve and the launcher refuses to ask, and the Node shim serves as today).
 *   Not TMPDIR on Linux: it differs between a service and a terminal more often than it matches.
 */
export function agentDir(env: Env, place: AgentPlace = {}): string {
  const platform = place.platform ?? process.platform;
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && path.posix.isAbsolute(runtime)) return path.posix.join(runtime, 'keyward');
  if (platform === 'darwin') {
    const tmp = env.TMPDIR && path.posix.isAbsolute(env.TMPDIR) ? env.TMPDIR : '/tmp';
    return path.posix.join(tmp, 'keyward');
  }
  return `/tmp/keyward-${place.uid ?? process.getuid?.() ?? 0}`;
}

export function agentSocketPath(env: Env, place: AgentPlace = {}): string {
  return path.posix.join(agentDir(env, place), AGENT_SOCKET_NAME);
}
