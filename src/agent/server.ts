// The agent: `keyward watch` serving credentials on a Unix socket in a private directory, like
// ssh-agent and gpg-agent, so the launcher's fast path (launcher/fast-path.ts) answers the AWS CLI
// with one `curl` instead of a Node start and a keychain read.
//
// Who may connect: on Linux the socket's directory is the guarantee (0700, ours; connecting needs
// search permission on it), and the socket itself is 0600. Node does not expose the peer's
// credentials (SO_PEERCRED on Linux, getpeereid/LOCAL_PEERCRED on macOS) without a native addon,
// so the agent cannot check the caller's uid itself; root can always connect, as to ssh-agent.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { openSecretStore } from '../secrets/open.js';
import { serviceName } from '../secrets/store.js';
import type { SecretStore } from '../secrets/store.js';
import { sessionPlan } from '../sessions/resolve.js';
import { appendAuditRecord, auditLogPath } from '../shim/audit.js';
import { createKeyCache, type KeyCache, type SessionNeed } from './lookup.js';
import { agentSocketPath } from './paths.js';
import { createSessionMaker } from './sessions.js';
import { createHandler } from './routes.js';
import type { ScanCommand } from './scan-route.js';
import { claimSocketPath, preparePrivateDir } from './socket-dir.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface AgentOptions {
  env: Env;
  home: string;
  /** The daemon's keychain opener (opened once, on the first read). */
  openStore(): Promise<SecretStore>;
  /** The cached sessions' store; default the keychain's `session` kind. */
  openSessionStore?: () => Promise<SecretStore>;
  /** An audit line could not be written (the request is still served, as the shim does). */
  onError(error: unknown): void;
  now?: () => Date;
  /** Default agentSocketPath(env). */
  socketPath?: string;
  /** Default 1500 ms: under the launcher's `curl --max-time 2`. */
  deadlineMs?: number;
  /** `keyward scan`, to answer the installed script's scans with (scan-route.ts); absent: not answered. */
  scan?: ScanCommand;
}

export interface Agent {
  socketPath: string;
  cache: KeyCache;
  close(): Promise<void>;
}

/** Listens on the socket; throws a KeywardError (`service-error`) when its place is unsafe or another agent serves. */
export async function startAgent(options: AgentOptions): Promise<Agent> {
  const socketPath = options.socketPath ?? agentSocketPath(options.env);
  preparePrivateDir(path.dirname(socketPath));
  await claimSocketPath(socketPath);
  const service = serviceName(options.env);
  const openSessionStore = options.openSessionStore ?? (async () => openSecretStore('daemon', options.env, 'session'));
  const now = options.now ?? (() => new Date());
  const cache = createKeyCache(options.openStore, service, {
    sessionNeed: (profile) => sessionNeed(profile, options.env, options.home),
    openSessionStore,
    newSession: createSessionMaker({ env: options.env, home: options.home, openStore: options.openStore, openSessionStore, now }),
    now,
  });
  const auditFile = auditLogPath(options.env, options.home);
  const server = http.createServer(createHandler({
    ...cache, service, deadlineMs: options.deadlineMs ?? 1500, now,
    ...(options.scan ? { scan: options.scan } : {}),
    audit: (record) => {
      try {
        appendAuditRecord(auditFile, record);
      } catch (error) {
        options.onError(error);
      }
    },
  }));
  // A slow or idle client must not hold a connection (the launcher's curl gives up at 2 s).
  server.headersTimeout = 5000;
  server.requestTimeout = 5000;
  server.keepAliveTimeout = 1000;
  await listen(server, socketPath);
  fs.chmodSync(socketPath, 0o600);
  const mine = fs.lstatSync(socketPath);
  return {
    socketPath,
    cache,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      removeIfMine(socketPath, mine);
    },
  };
}

function listen(server: http.Server, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Unlinks the socket only if it is still the one we made (a newer agent may have replaced it). */
function removeIfMine(socketPath: string, mine: fs.Stats): void {
  try {
    const now = fs.lstatSync(socketPath);
    if (now.ino === mine.ino && now.dev === mine.dev) fs.unlinkSync(socketPath);
  } catch {
    // Already gone.
  }
}

/** Read at each request (policy and AWS files may change); a policy error is the shim's to report. */
function sessionNeed(profile: string, env: Env, home: string): SessionNeed | undefined {
  try {
    const plan = sessionPlan(profile, env, home);
    return plan && { mfaSerial: plan.aws.mfaSerial };
  } catch {
    // Unknown: never the key; a session the keychain holds for no MFA device would not match either.
    return { mfaSerial: '\0unknown' };
  }
}
