// Issue 10, item 10: a Secret Service that stops answering. A private D-Bus session with its own
// gnome-keyring holds a migrated profile's item; then the keyring daemon is stopped with SIGSTOP
// (it stays on the bus, so every call to it waits), and each command runs as a child process. Each
// must give up at its limit (KEYWARD_KEYCHAIN_TIMEOUT_MS, 2 s here; before this fix migrate, restore
// and status took ~50 s) with one clear line and its documented status, and leave the files as they
// were. SIGCONT and a kill end the keyring afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, item } from '../../support/shim-fixture.js';
import { fakeCredentials } from '../../support/keys.js';
import { installLauncher } from '../../../src/launcher/install.js';
import { repoRoot, shimEntry } from '../../support/paths.js';
import { nestedEnv } from '../../support/private-bus.js';

const LIMIT_MS = 2000;
/** Start-up, the probe's kill and a loaded 2-core machine; the failure this guards against is 25–50 s. */
const SLACK_MS = 4000;
const fx = createFixture('hung');
const key = fakeCredentials(7);
const plain = fakeCredentials(8);
const bin = path.join(repoRoot, 'bin/keyward');

const COMMANDS: Record<string, string[]> = {
  migrate: ['migrate', '--yes'],
  restore: ['restore', '--yes'],
  status: ['status'],
  scan: ['scan', '--format', 'json'],
  shim: ['credential-process', '--profile', 'vaulted'],
  // The launcher the AWS files name (run as itself, not through node bin/keyward).
  launcher: ['--profile', 'vaulted'],
};
/** Installed under a data dir of its own: the migrate case checks keyward's own data dir stays empty. */
const launcher = installLauncher({ env: { ...fx.env, XDG_DATA_HOME: path.join(fx.home, 'launcher-data') }, home: fx.home, entry: shimEntry });

interface Outcome { status: number; ms: number; stdout: string; stderr: string }
const outcomes: Record<string, Outcome> = {};
let before: Record<string, string> = {};

function files(): Record<string, string> {
  const dir = path.join(fx.home, '.aws');
  return Object.fromEntries(fs.readdirSync(dir).filter((f) => !f.startsWith('.')).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

/** One bash script inside a fresh bus: start a keyring, store the item, SIGSTOP it, run every command, SIGCONT. */
function script(dir: string): string {
  const keytar = path.join(repoRoot, 'node_modules/keytar/lib/keytar.js');
  fs.writeFileSync(path.join(dir, 'store.mjs'), `import k from '${keytar}';
await k.setPassword(${JSON.stringify(fx.service)}, 'vaulted', ${JSON.stringify(JSON.stringify(item(key)))});`);
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const runs = Object.entries(COMMANDS).map(([name, args]) => {
    const out = path.join(dir, name);
    const program = name === 'launcher' ? q(launcher) : `${q(process.execPath)} ${q(bin)}`;
    return `s=$(date +%s%N); timeout 120 ${program} ${args.map(q).join(' ')} >${q(`${out}.out`)} 2>${q(`${out}.err`)}; ` +
      `rc=$?; echo "$rc $(( ($(date +%s%N) - s) / 1000000 ))" >${q(`${out}.status`)}`;
  });
  return [
    `eval "$(printf 'nested-test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"`,
    `node ${q(path.join(dir, 'store.mjs'))} || exit 90`,
    // The process that owns org.freedesktop.secrets on this bus, as the bus itself reports it.
    'pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetConnectionUnixProcessID ' +
      'string:org.freedesktop.secrets | awk \'{print $2}\')',
    '[ -n "$pid" ] || exit 91',
    'kill -STOP "$pid"',
    ...runs,
    'kill -CONT "$pid"; kill "$pid"',
  ].join('\n');
}

beforeAll(() => {
  const line = `${bin} credential-process --profile vaulted`;
  fs.mkdirSync(path.join(fx.home, '.aws'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(fx.home, '.aws/config'), `[profile vaulted]\ncredential_process = ${line}\nregion = eu-west-1\n`, { mode: 0o600 });
  fs.writeFileSync(path.join(fx.home, '.aws/credentials'),
    `[plain]\naws_access_key_id = ${plain.AccessKeyId}\naws_secret_access_key = ${plain.SecretAccessKey}\n`, { mode: 0o600 });
  before = files();
  const dir = fs.mkdtempSync(path.join(fx.home, 'bus-'));
  const env = { ...nestedEnv(fx.env, dir), KEYWARD_KEYCHAIN_TIMEOUT_MS: String(LIMIT_MS), NO_COLOR: '1',
    KEYWARD_FLEET_POLICY: path.join(fx.home, 'no-fleet-policy.ini'), XDG_CONFIG_HOME: path.join(fx.home, '.config') };
  const run = spawnSync('dbus-run-session', ['--', 'bash', '-c', script(dir)], { env, encoding: 'utf8', timeout: 600_000 });
  expect(run.status, run.stderr).toBe(0);
  for (const name of Object.keys(COMMANDS)) {
    const [status, ms] = fs.readFileSync(path.join(dir, `${name}.status`), 'utf8').trim().split(' ').map(Number);
    outcomes[name] = { status: status as number, ms: ms as number,
      stdout: fs.readFileSync(path.join(dir, `${name}.out`), 'utf8'), stderr: fs.readFileSync(path.join(dir, `${name}.err`), 'utf8') };
  }
}, 600_000);

afterAll(() => fx.cleanup());

const TIMEOUT_LINE = `the keychain did not answer within ${LIMIT_MS} ms`;

describe('a Secret Service stopped with SIGSTOP (issue 10, item 10)', () => {
  it.each(['migrate', 'restore'])('%s refuses with one line and exit 2 at its limit, and changes nothing', (name) => {
    const run = outcomes[name] as Outcome;
    expect(run.stderr).toBe(`keyward: ${TIMEOUT_LINE}. ${run.stderr.split('. ').slice(1).join('. ')}`);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(/gnome-keyring or KeePassXC is running/);
    expect(run.status).toBe(2);
    expect(run.ms).toBeLessThan(LIMIT_MS + SLACK_MS);
    expect(files()).toEqual(before);
    // Not even the launcher: migrate installs it only once the keychain has answered.
    expect(fs.existsSync(path.join(fx.home, '.local/share/keyward'))).toBe(false);
  });

  it('status reports the keychain as not answering, within its limit, and exits 2 (a keyward profile, no keychain)', () => {
    const run = outcomes.status as Outcome;
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(`keychain unavailable, key ages unknown: ${TIMEOUT_LINE}`);
    expect(run.ms).toBeLessThan(LIMIT_MS + SLACK_MS);
  });

  it('scan skips the key-age check and finishes within the limit', () => {
    const run = outcomes.scan as Outcome;
    expect(run.status).toBe(1); // the plaintext key is a finding
    expect(JSON.parse(run.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('plaintext-access-key');
    expect(run.ms).toBeLessThan(LIMIT_MS + SLACK_MS);
  });

  it('the shim gives up at its limit with its one line (ending itself: status 130, docs/shim.md)', () => {
    const run = outcomes.shim as Outcome;
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^keyward credential-process: profile 'vaulted': ${TIMEOUT_LINE}\\. .*\\n$`));
    expect(run.status).toBe(130);
    expect(run.ms).toBeLessThan(LIMIT_MS + SLACK_MS);
  });

  it('through the launcher the AWS files name, the same failure exits 1 like every other (no 130)', () => {
    const run = outcomes.launcher as Outcome;
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^keyward credential-process: profile 'vaulted': ${TIMEOUT_LINE}\\. .*\\n$`));
    expect(run.status).toBe(1);
  });
});
