// Resolves profiles through the real AWS clients: botocore (AWS CLI v1), the AWS CLI v2 at
// /usr/bin/aws, and @aws-sdk/credential-providers' fromIni, each in its own process with the
// test's environment so credential_process runs exactly as it would for a user.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
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
