// Resolves profiles through the real AWS clients: botocore (AWS CLI v1), the AWS CLI v2 at
// /usr/bin/aws, and @aws-sdk/credential-providers' fromIni, each in its own process with the
// test's environment so credential_process runs exactly as it would for a user.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, supportDir } from './paths.js';

export interface Resolved {
  AccessKeyId?: string;
  SecretAccessKey?: string;
  SessionToken?: string;
  error?: string;
  /** botocore's message on failure (the shim's one stderr line; never a secret). */
  detail?: string;
}

export type Env = NodeJS.ProcessEnv;

/** botocore: credentials and non-credential settings for each profile. */
export function resolveBotocore(env: Env, profiles: string[], workers = 2): Record<string, { credentials: Resolved; settings: Record<string, unknown> }> {
  const out = execFileSync('python3', [path.join(supportDir, 'resolve_profiles.py'), JSON.stringify(profiles), String(workers)], {
    env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000,
  });
  return JSON.parse(out) as Record<string, { credentials: Resolved; settings: Record<string, unknown> }>;
}

const AWS_CLI_V2 = '/usr/bin/aws';

/**
 * The AWS CLI v2 (`aws configure export-credentials`). Throws when the CLI cannot run or cannot
 * resolve the profile: an oracle that returned an error value would let "before" and "after"
 * agree on that error, and the comparison would pass without the CLI ever being asked.
 */
export function resolveCliV2(env: Env, profile: string): Resolved {
  const result = spawnSync(AWS_CLI_V2, ['configure', 'export-credentials', '--profile', profile, '--format', 'process'], {
    env, encoding: 'utf8', timeout: 60_000,
  });
  if (result.error) throw new Error(`AWS CLI v2 (${AWS_CLI_V2}) did not run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`AWS CLI v2 could not resolve profile '${profile}' (exit ${result.status}): ${result.stderr.trim().slice(0, 300)}`);
  }
  const data = JSON.parse(result.stdout) as Resolved;
  return { AccessKeyId: data.AccessKeyId, SecretAccessKey: data.SecretAccessKey, ...(data.SessionToken ? { SessionToken: data.SessionToken } : {}) };
}

const JS_SDK_SCRIPT = `
import { fromIni } from '@aws-sdk/credential-providers';
const out = {};
for (const profile of JSON.parse(process.argv[1])) {
  try {
    const c = await fromIni({ profile, ignoreCache: true })();
    out[profile] = { AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { SessionToken: c.sessionToken } : {}) };
  } catch (error) {
    out[profile] = { error: error.name };
  }
}
console.log(JSON.stringify(out));
`;

/** @aws-sdk/credential-providers fromIni, in a child node process run from the repo. */
export function resolveJsSdk(env: Env, profiles: string[]): Record<string, Resolved> {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', JS_SDK_SCRIPT, JSON.stringify(profiles)], {
    env, cwd: repoRoot, encoding: 'utf8', timeout: 300_000,
  });
  return JSON.parse(out) as Record<string, Resolved>;
}

/**
 * The three resolutions above without blocking this process: for tests whose AWS endpoint (the
 * emulator) runs in the test's own event loop, which a synchronous spawn would starve. Each
 * client's credentials for `profile`, or `{ error, detail }` with its stderr's last line.
 */
export async function resolveEach(env: Env, profile: string): Promise<Record<'cli-v2' | 'botocore' | 'js-sdk', Resolved>> {
  const run = promisify(execFile);
  const attempt = async (work: () => Promise<Resolved>): Promise<Resolved> => {
    try {
      return await work();
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? '').trim().split('\n');
      return { error: 'failed', detail: stderr.at(-1) ?? '' };
    }
  };
  const cli = (): Promise<Resolved> => attempt(async () => {
    const { stdout } = await run(AWS_CLI_V2, ['configure', 'export-credentials', '--profile', profile, '--format', 'process'], { env, timeout: 60_000 });
    const data = JSON.parse(stdout) as Resolved;
    return { AccessKeyId: data.AccessKeyId, SecretAccessKey: data.SecretAccessKey, ...(data.SessionToken ? { SessionToken: data.SessionToken } : {}) };
  });
  const boto = (): Promise<Resolved> => attempt(async () => {
    const { stdout } = await run('python3', [path.join(supportDir, 'resolve_profiles.py'), JSON.stringify([profile]), '1'], { env, timeout: 60_000 });
    return (JSON.parse(stdout) as Record<string, { credentials: Resolved }>)[profile]?.credentials ?? { error: 'missing' };
  });
  const js = (): Promise<Resolved> => attempt(async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', JS_SDK_SCRIPT, JSON.stringify([profile])], { env, cwd: repoRoot, timeout: 60_000 });
    return (JSON.parse(stdout) as Record<string, Resolved>)[profile] ?? { error: 'missing' };
  });
  // One after another: the second and third are served from the cache the first one filled.
  const first = await cli();
  const second = await boto();
  return { 'cli-v2': first, botocore: second, 'js-sdk': await js() };
}
