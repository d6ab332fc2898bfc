// Issue 14: "the agent's MFA prompt uses the desktop session the daemon runs in". A migrated
// profile with mfa_serial, `keyward watch` running with a display, and the AWS CLI v2 run where the
// shim could not ask at all (no display in its environment, no controlling terminal: setsid). So a
// session reaches the CLI only if the agent asked on the daemon's display and got it. There is no
// desktop on this machine: the dialog is a stand-in `zenity` on the daemon's PATH (the real
// dialog is zenity's --entry, sessions/mfa.ts desktopCommand) that logs each run and prints the
// code. STS is the SigV4-verifying emulator, with the MFA device registered.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveEach } from '../support/aws-clients.js';
import { emulatorEnv, startAwsEmulator, type AwsEmulator } from '../support/aws-emulator.js';
import { startWatch, type WatchProcess } from '../support/daemon.js';
import { fakeKey } from '../support/keys.js';
import { makeMigrateHome, type MigrateHome } from '../support/migrate-home.js';
import { binKeyward } from '../support/paths.js';
import { runDetached } from '../support/session-fixture.js';

const alice = fakeKey(86);
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const CODE = '246813';

let aws: AwsEmulator;
let h: MigrateHome;
let clientEnv: NodeJS.ProcessEnv;
let daemonEnv: NodeJS.ProcessEnv;
let watch: WatchProcess | undefined;
let dialogLog: string;

const sessionCalls = () => aws.requests.filter((r) => r.action === 'GetSessionToken');
const keyward = (args: string[], env: NodeJS.ProcessEnv) => runDetached([process.execPath, binKeyward, ...args], env);
const exportCredentials = () => runDetached(['/usr/bin/aws', 'configure', 'export-credentials', '--profile', 'dev', '--format', 'process'], clientEnv);
const dialogRuns = () => (fs.existsSync(dialogLog) ? fs.readFileSync(dialogLog, 'utf8').split('\n').filter(Boolean).length : 0);
const auditFile = () => path.join(clientEnv.XDG_STATE_HOME ?? path.join(h.home, '.local/state'), 'keyward', 'audit.log');
const agentLines = () => (fs.existsSync(auditFile()) ? fs.readFileSync(auditFile(), 'utf8').split('\n').filter((l) => l.includes('"via":"agent"')).length : 0);

beforeAll(async () => {
  aws = await startAwsEmulator({ users: [{ name: 'alice', keys: [alice] }] });
  aws.registerMfa('alice', SERIAL, { code: CODE });
  h = makeMigrateHome('agent-mfa', {
    credentials: `[dev]\naws_access_key_id = ${alice.id}\naws_secret_access_key = ${alice.secret}\n`,
    config: `[profile dev]\nregion = us-east-1\nmfa_serial = ${SERIAL}\n`,
  });
  const runtime = path.join(h.home, 'run');
  fs.mkdirSync(runtime, { mode: 0o700 });
  clientEnv = { ...h.env, ...emulatorEnv(aws.url), XDG_RUNTIME_DIR: runtime };
  delete clientEnv.DISPLAY;
  delete clientEnv.WAYLAND_DISPLAY;
  const bin = path.join(h.home, 'desktop-bin');
  fs.mkdirSync(bin);
  dialogLog = path.join(h.home, 'dialog.log');
  fs.writeFileSync(path.join(bin, 'zenity'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${dialogLog}'\nsleep 0.2\necho ${CODE}\n`, { mode: 0o755 });
  daemonEnv = { ...clientEnv, DISPLAY: ':7', PATH: `${bin}:${clientEnv.PATH ?? ''}` };
  const migrated = await keyward(['migrate', '--yes'], clientEnv);
  expect(migrated.status, migrated.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await watch?.stop();
  await keyward(['remove', '--profile', 'dev', '--yes', '--from-files'], clientEnv);
  await keyward(['remove', '--orphans', '--yes'], clientEnv);
  h.cleanup();
  await aws.close();
});

it('without the agent, the shim cannot ask here: one line, exit 1, no credentials (the test\'s premise)', async () => {
  const run = await exportCredentials();
  expect(run.status).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain('no way to ask');
  expect(sessionCalls()).toHaveLength(0);
});

it('with keyward watch on a display, the AWS CLI v2 gets a session: one dialog and one STS call for 4 commands at once', async () => {
  watch = startWatch(daemonEnv);
  await watch.next((e) => e.event === 'ready' && typeof (e as { agent?: unknown }).agent === 'string', 60_000);
  const runs = await Promise.all(Array.from({ length: 4 }, () => exportCredentials()));
  const ids = runs.map((run) => {
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { AccessKeyId: string; SessionToken?: string };
    expect(json.SessionToken).toBeTruthy();
    return json.AccessKeyId;
  });
  expect(ids[0]).toMatch(/^ASIA/);
  expect(new Set(ids).size).toBe(1);
  expect(dialogRuns()).toBe(1);
  expect(fs.readFileSync(dialogLog, 'utf8')).toContain("--text=MFA code for AWS profile 'dev'");
  // Signed with the stored key, with the device and the code the dialog gave: the emulator verified both.
  expect(sessionCalls()).toHaveLength(1);
  expect(sessionCalls()[0]).toMatchObject({ keyId: alice.id, status: 200 });
  expect(agentLines()).toBeGreaterThan(0);
  for (const run of runs) expect(run.stdout + run.stderr).not.toContain(alice.id);
});

it('the cached session serves botocore and the JS SDK too, and the shim without the agent, with no second dialog', async () => {
  const resolved = await resolveEach(clientEnv, 'dev');
  for (const [client, credentials] of Object.entries(resolved)) expect(credentials.AccessKeyId, `${client}: ${credentials.detail ?? ''}`).toMatch(/^ASIA/);
  const direct = await runDetached(['/usr/bin/aws', 'configure', 'export-credentials', '--profile', 'dev', '--format', 'process'], { ...clientEnv, KEYWARD_AGENT: 'off' });
  expect(direct.status, direct.stderr).toBe(0);
  expect(JSON.parse(direct.stdout).AccessKeyId).toMatch(/^ASIA/);
  expect(dialogRuns()).toBe(1);
  expect(sessionCalls()).toHaveLength(1);
});
