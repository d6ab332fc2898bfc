// The agent tests' layer on daemon.ts: a watch home (its own XDG_RUNTIME_DIR, so its own agent
// socket) whose profiles were migrated by the real `keyward migrate`, the launcher that migrate
// installed, and the audit log. `keyward watch` itself is started by the test (startWatch).
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { agentSocketPath } from '../../src/agent/paths.js';
import { launcherPath } from '../../src/launcher/install.js';
import { createWatchHome, credentialsText, type WatchHome } from './daemon.js';
import type { FakeKey } from './keys.js';
import { binKeyward } from './paths.js';

export interface AgentHome extends WatchHome {
  launcher: string;
  socket: string;
  /** Runs `bin/keyward` with the home's env. */
  keyward(args: string[]): { status: number | null; stdout: string; stderr: string };
  /** Writes ~/.aws/credentials with these profiles' keys (plaintext, for migrate). */
  writeKeys(keys: Record<string, FakeKey>): void;
  /** Runs the launcher as the AWS CLI would; resolves with its status and output. */
  launch(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }>;
  auditLines(): Record<string, unknown>[];
  cleanup(): void;
}

export function createAgentHome(label: string, keys: Record<string, FakeKey>): AgentHome {
  const home = createWatchHome(label);
  fs.mkdirSync(path.join(home.home, '.aws'), { mode: 0o700 });
  const keyward = (args: string[]) => {
    const run = spawnSync(process.execPath, [binKeyward, ...args], { env: home.env, encoding: 'utf8', timeout: 120_000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const writeKeys = (next: Record<string, FakeKey>): void => {
    const text = Object.entries(next).map(([name, key]) => credentialsText(name, key.id, key.secret)).join('\n');
    fs.writeFileSync(home.aws('credentials'), text, { mode: 0o600 });
  };
  writeKeys(keys);
  const migrated = keyward(['migrate', '--yes']);
  if (migrated.status !== 0) throw new Error(`keyward migrate failed: ${migrated.stderr}`);
  const launcher = launcherPath(home.env, home.home);
  const audit = path.join(home.home, '.local/state/keyward/audit.log');
  return {
    ...home, launcher, keyward, writeKeys,
    socket: agentSocketPath(home.env),
    launch: (args, extraEnv = {}) => new Promise((resolve) => {
      execFile(launcher, args, { env: { ...home.env, ...extraEnv }, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
      });
    }),
    auditLines: () => (fs.existsSync(audit) ? fs.readFileSync(audit, 'utf8').trim().split('\n').filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>) : []),
    cleanup: () => {
      keyward(['restore', '--yes', '--purge']);
      fs.rmSync(path.dirname(home.home), { recursive: true, force: true });
    },
  };
}

/** The credential_process JSON the shim prints for a key (and so the agent must print). */
export function processJson(key: FakeKey): string {
  return `${JSON.stringify({ Version: 1, AccessKeyId: key.id, SecretAccessKey: key.secret })}\n`;
}

export interface AgentReply {
  status: number;
  body: string;
}

/** One HTTP request to an agent socket (node's http client, as notifyAgent uses). */
export function askAgent(socket: string, method: string, urlPath: string, body = ''): Promise<AgentReply> {
  return new Promise((resolve, reject) => {
    const request = http.request({ socketPath: socket, method, path: urlPath, headers: { 'content-length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}
