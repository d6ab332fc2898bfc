// A realistic HOME for migrate/restore tests: several profiles in both files, CRLF, upper-case
// key names, names with spaces, quotes and `$`, nested blocks, a role profile, an SSO session,
// temporary credentials and a comment holding an old key. All keys are fake (keys.ts); the home
// itself is a temp-home.ts one.
import { spawnSync } from 'node:child_process';
import { SECRET_3, SESSION_ID, TOKEN, fakeKey } from './keys.js';
import { binKeyward } from './paths.js';
import { createTempHome } from './temp-home.js';

export const KEYS = { default: fakeKey(1), ci: fakeKey(2), myDev: fakeKey(3), obrien: fakeKey(4), cost: fakeKey(5), old: fakeKey(6) };
/** The [temp] profile's session: migrate leaves temporary credentials where they are. */
const TEMP = { id: SESSION_ID, secret: SECRET_3, token: TOKEN };

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
  `aws_access_key_id = ${TEMP.id}`,
  `aws_secret_access_key = ${TEMP.secret}`,
  `aws_session_token = ${TEMP.token}`,
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
export const SECRETS = [...Object.values(KEYS).flatMap((k) => [k.id, k.secret]), TEMP.secret, TEMP.token];

export interface MigrateHome {
  root: string;
  home: string;
  env: NodeJS.ProcessEnv;
  credentials: string;
  config: string;
  keyward(args: string[], extraEnv?: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string };
  cleanup(): void;
}

/** A fresh temp home (temp-home.ts) holding the given files, with the minimal env keyward needs. */
export function makeMigrateHome(label: string, files: { credentials?: string; config?: string } = { credentials: CREDENTIALS, config: CONFIG }): MigrateHome {
  const base = createTempHome(label, { files: {
    ...(files.credentials === undefined ? {} : { '.aws/credentials': files.credentials }),
    ...(files.config === undefined ? {} : { '.aws/config': files.config }),
  } });
  const env = base.env;
  const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}, timeout?: number) =>
    spawnSync(process.execPath, [binKeyward, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout });
  return {
    root: base.root, home: base.home, env, credentials: base.aws('credentials'), config: base.aws('config'),
    keyward(args, extraEnv = {}) {
      const result = run(args, extraEnv, 300_000);
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    cleanup() {
      run(['restore', '--yes', '--purge']);
      base.cleanup();
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
