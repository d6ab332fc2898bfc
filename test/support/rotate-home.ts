// A HOME whose profile `work` keyward migrated, against an IAM + STS emulator holding its key: for
// `keyward rotate` tests. The profile names the emulator with `endpoint_url` (so keyward, botocore
// and the JS SDK find it through the profile; CLI v2 2.9 through redirectCliV2).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openSecretStore } from '../../src/secrets/open.js';
import type { ItemKind, SecretStore } from '../../src/secrets/store.js';
import { redirectCliV2, startAwsEmulator, type AwsEmulator } from './aws-emulator.js';
import { fakeKey, type FakeKey } from './keys.js';
import { makeMigrateHome, type MigrateHome } from './migrate-home.js';
import { binKeyward, supportDir } from './paths.js';

export const PROFILE = 'work';

export interface RotateHome extends Omit<MigrateHome, 'keyward'> {
  /** bin/keyward, run asynchronously: the emulator answers from this process, so a blocking spawn would hang both. */
  keyward(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }>;
  /** The same with another keyward entry (an installed version's dist/keyward.mjs). */
  keywardAt(program: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }>;
  aws: AwsEmulator;
  /** The key the profile started with. */
  first: FakeKey;
  store(kind: ItemKind): SecretStore;
  /** The AccessKeyId in an item of this kind, or null. */
  itemKey(kind: ItemKind): Promise<string | null>;
  /** rotate in a child that SIGKILLs itself at step `killAt` (-1: never); its steps and how it ended. */
  rotateChild(killAt: number, extraEnv?: NodeJS.ProcessEnv): Promise<{ steps: string[]; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** `tls`: the emulator serves HTTPS with this certificate, which the profile trusts through `ca_bundle`. */
export async function makeRotateHome(label: string, n = 60, options: { tls?: { key: string; cert: string; certFile: string } } = {}): Promise<RotateHome> {
  const first = fakeKey(n);
  const aws = await startAwsEmulator({ users: [{ name: 'alice', keys: [first] }], ...(options.tls ? { tls: options.tls } : {}) });
  const base = makeMigrateHome(label, {
    credentials: `[${PROFILE}]\naws_access_key_id = ${first.id}\naws_secret_access_key = ${first.secret}\n`,
    config: `[profile ${PROFILE}]\nregion = eu-west-1\nendpoint_url = ${aws.url}\n${options.tls ? `ca_bundle = ${options.tls.certFile}\n` : ''}`,
  });
  Object.assign(base.env, { KEYWARD_ROTATE_RETRY_MS: '1', AWS_EC2_METADATA_DISABLED: 'true' });
  redirectCliV2(base.home, aws.url);
  const migrated = base.keyward(['migrate', '--yes', '--profile', PROFILE]);
  if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  const store = (kind: ItemKind): SecretStore => openSecretStore('command', { ...process.env, KEYWARD_SERVICE: base.env.KEYWARD_SERVICE }, kind);
  return {
    ...base, aws, first, store,
    async itemKey(kind) {
      const text = await store(kind).get(PROFILE);
      return text === null ? null : (JSON.parse(text) as { AccessKeyId: string }).AccessKeyId;
    },
    keyward: async (args, extraEnv = {}) => {
      const { code, stdout, stderr } = await runNode([binKeyward, ...args], { ...base.env, ...extraEnv });
      return { status: code, stdout, stderr };
    },
    keywardAt: async (program, args) => {
      const { code, stdout, stderr } = await runNode([program, ...args], base.env);
      return { status: code, stdout, stderr };
    },
    rotateChild: async (killAt, extraEnv = {}) => {
      const env = { ...base.env, ...extraEnv, KILL_AT_STEP: String(killAt), STEP_LOG: '1', ROTATE_PROFILE: PROFILE };
      const { signal, stdout, stderr } = await runNode([path.join(supportDir, 'rotate-child.mjs')], env);
      return { steps: stdout.split('\n').filter((l) => /^[a-z-]+$/.test(l)), signal, stdout, stderr };
    },
    async close() {
      for (const kind of ['pending', 'previous', 'session'] as const) await store(kind).delete(PROFILE);
      await aws.close();
      base.cleanup();
    },
  };
}
