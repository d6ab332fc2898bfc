// A realistic HOME for migrate/restore tests: several profiles in both files, CRLF, upper-case
// key names, names with spaces, quotes and `$`, nested blocks, a role profile, an SSO session,
// temporary credentials and a comment holding an old key. All keys are fake.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './aws-clients.js';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** A well-formed fake key pair; `n` makes it unique. */
export function fakePair(n: number): { id: string; secret: string } {
  const id = `AKIA${Array.from({ length: 16 }, (_, i) => alphabet[(n * 11 + i * 7 + Math.floor(n / 32)) % 32]).join('')}`;
  const secret = `${n.toString(36).padStart(4, '0')}Fake/Secret+Key${'Q'.repeat(40)}`.slice(0, 40);
  return { id, secret };
}

export const KEYS = { default: fakePair(1), ci: fakePair(2), myDev: fakePair(3), obrien: fakePair(4), cost: fakePair(5), old: fakePair(6) };
const TEMP_ID = 'ASIAQX3TZ7LBEN4SWYDU';
const TEMP_SECRET = 'tEmPoRaRy/SeCrEt+KeY0000000000000000000A';
const TEMP_TOKEN = `IQoJb3JpZ2luX2VjE${'x'.repeat(120)}`;

export const CREDENTIALS = [
  '# Work accounts, rotated 2025-01',
  '[default]',
  `aws_access_key_id = ${KEYS.default.id}`,
  `aws_secret_access_key = ${KEYS.default.secret}`,
  `# old: aws_access_key_id = ${KEYS.old.id}`,
  '',
  '[ci]',
  `AWS_ACCESS_KEY_ID=${KEYS.ci.id}`,
  `AWS_SECRET_ACCESS_KEY=${KEYS.ci.secret}`,
  'region = eu-central-1',
  '',
  '[temp]',
  `aws_access_key_id = ${TEMP_ID}`,
  `aws_secret_access_key = ${TEMP_SECRET}`,
  `aws_session_token = ${TEMP_TOKEN}`,
].join('\r\n') + '\r\n';

export const CONFIG = [
  '[default]',
  'region = us-east-1',
  'output = json',
  '',
  '[profile "my dev"]',
  `aws_access_key_id = ${KEYS.myDev.id}`,
  `aws_secret_access_key = ${KEYS.myDev.secret}`,
  's3 =',
  '  addressing_style = path',
  '  signature_version = s3v4',
  'region = us-west-2',
  '',
  `[profile "o'brien"]`,
  '\tregion = ap-south-1',
  `aws_access_key_id: ${KEYS.obrien.id}`,
  `aws_secret_access_key: ${KEYS.obrien.secret}`,
  '',
  '[profile cost$center]',
  `aws_access_key_id = ${KEYS.cost.id}`,
  `aws_secret_access_key = ${KEYS.cost.secret}`,
  '',
  '[profile role]',
  'role_arn = arn:aws:iam::123456789012:role/Dev',
  'source_profile = ci',
  '',
  '[sso-session corp]',
  'sso_start_url = https://corp.awsapps.com/start',
  'sso_region = us-east-1',
  '',
  '[profile ci]',
  'region = eu-central-1',
].join('\n');

export const PROFILES = ['default', 'ci', 'temp', 'my dev', "o'brien", 'cost$center'];
export const SECRETS = [...Object.values(KEYS).flatMap((k) => [k.id, k.secret]), TEMP_SECRET, TEMP_TOKEN];

export interface MigrateHome {
  root: string;
  home: string;
  env: NodeJS.ProcessEnv;
  credentials: string;
  config: string;
  keyward(args: string[], extraEnv?: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string };
  cleanup(): void;
}

/** A fresh HOME holding the given files (mode 0600 in a 0700 ~/.aws), with its own keychain service. */
export function makeMigrateHome(label: string, files: { credentials?: string; config?: string } = { credentials: CREDENTIALS, config: CONFIG }): MigrateHome {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `keyward-${label}-`));
  const home = path.join(root, 'home');
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true, mode: 0o700 });
  const credentials = path.join(home, '.aws', 'credentials');
  const config = path.join(home, '.aws', 'config');
  if (files.credentials !== undefined) fs.writeFileSync(credentials, files.credentials, { mode: 0o600 });
  if (files.config !== undefined) fs.writeFileSync(config, files.config, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
    HOME: home, KEYWARD_SERVICE: `keyward-test-${label}-${process.pid}-${Date.now()}`,
    XDG_DATA_HOME: path.join(home, '.local/share'), XDG_STATE_HOME: path.join(home, '.local/state'),
    XDG_CONFIG_HOME: path.join(home, '.config'), KEYWARD_FLEET_POLICY: path.join(root, 'no-fleet-policy.ini'),
    AWS_EC2_METADATA_DISABLED: 'true', LANG: 'C.UTF-8',
  };
  return {
    root, home, env, credentials, config,
    keyward(args, extraEnv = {}) {
      const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin/keyward'), ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 300_000 });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    cleanup() {
      spawnSync(process.execPath, [path.join(repoRoot, 'bin/keyward'), 'restore', '--yes', '--purge'], { env, encoding: 'utf8' });
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Lines present in `after` but not `before`, and the reverse, as multisets. */
export function lineChanges(before: string, after: string): { added: string[]; removed: string[] } {
  const split = (text: string): string[] => text.split(/\r\n|\r|\n/);
  const count = new Map<string, number>();
  for (const line of split(before)) count.set(line, (count.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of split(after)) {
    const n = count.get(line) ?? 0;
    if (n > 0) count.set(line, n - 1);
    else added.push(line);
  }
  const removed = [...count.entries()].flatMap(([line, n]) => Array<string>(n).fill(line));
  return { added, removed };
}
