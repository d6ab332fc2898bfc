// The session tests' layer on shim-fixture.ts: a keyward profile whose key is in the keychain, an
// STS on 127.0.0.1 (AWS_ENDPOINT_URL_STS), the fixture's policy files, its session items, and the
// shim run as N processes at once. Each test's shims run under `setsid`, without a controlling
// terminal, so a /dev/tty prompt can only appear where a test gives one.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createFixture, item, type Fixture } from './shim-fixture.js';
import { startFakeSts, type FakeSts } from './fake-sts.js';
import { KEY_ID, SECRET } from './keys.js';
import { keychainStore } from './keychain.js';
import { shimEntry } from './paths.js';
import type { SecretStore } from '../../src/secrets/store.js';

export const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/keyward-test';

export interface ShimRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface SessionFixture extends Fixture {
  sts: FakeSts;
  sessions: SecretStore;
  /** Writes ~/.aws/config with a `[profile NAME]` per entry (its credential_process added). */
  config(profiles: Record<string, Record<string, string>>): void;
  userPolicy(text: string): void;
  fleetPolicy(text: string): void;
  /** The shim for `profile`, `count` at once, each in a session of its own (setsid: no controlling terminal). */
  shims(profile: string, count?: number, env?: NodeJS.ProcessEnv): Promise<ShimRun[]>;
  sessionCalls(): number;
}

export async function createSessionFixture(label: string): Promise<SessionFixture> {
  const base = createFixture(label);
  const sts = await startFakeSts();
  Object.assign(base.env, { AWS_ENDPOINT_URL_STS: sts.url, AWS_EC2_METADATA_DISABLED: 'true' });
  delete base.env.DISPLAY;
  delete base.env.WAYLAND_DISPLAY;
  const sessions = keychainStore(`${base.service}:session`);
  const accounts = new Set<string>();
  return {
    ...base, sts, sessions,
    config(profiles) {
      const lines = Object.entries(profiles).flatMap(([name, settings]) => [`[profile ${name}]`,
        `credential_process = ${process.execPath} ${shimEntry} --profile ${name}`,
        ...Object.entries(settings).map(([k, v]) => `${k} = ${v}`), '']);
      fs.writeFileSync(base.env.AWS_CONFIG_FILE as string, lines.join('\n'), { mode: 0o600 });
      for (const name of Object.keys(profiles)) accounts.add(name);
    },
    userPolicy(text) {
      const file = path.join(base.env.XDG_CONFIG_HOME as string, 'keyward', 'config.ini');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    },
    fleetPolicy(text) {
      fs.mkdirSync(path.dirname(base.env.KEYWARD_FLEET_POLICY as string), { recursive: true });
      fs.writeFileSync(base.env.KEYWARD_FLEET_POLICY as string, text);
    },
    shims(profile, count = 1, env = {}) {
      return Promise.all(Array.from({ length: count }, () => runDetached([process.execPath, shimEntry, '--profile', profile], { ...base.env, ...env })));
    },
    sessionCalls: () => sts.calls.filter((c) => c.action === 'GetSessionToken').length,
    async cleanup() {
      for (const account of accounts) await sessions.delete(account).catch(() => false);
      await sts.close();
      await base.cleanup();
    },
  };
}

/** Stores the kit's key for `profile`, as migrate would. */
export async function putKey(fixture: Fixture, profile: string): Promise<void> {
  await fixture.put(profile, item({ AccessKeyId: KEY_ID, SecretAccessKey: SECRET }));
}

export function runDetached(argv: string[], env: NodeJS.ProcessEnv): Promise<ShimRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('setsid', ['-w', ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
