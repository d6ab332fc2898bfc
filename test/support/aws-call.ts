// One AWS call through each real client, for tests against the emulator (aws-emulator.ts): the AWS
// CLI v2 (/usr/bin/aws), botocore (python3) and the JS SDK v3, each in a process of its own with the
// test's env, so the profile's credentials (credential_process included) resolve as for a user.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, supportDir } from './paths.js';

const run = promisify(execFile);

export type AwsClient = 'cli-v2' | 'botocore' | 'js-sdk';
export const AWS_CLIENTS: AwsClient[] = ['cli-v2', 'botocore', 'js-sdk'];

/** The output (without ResponseMetadata), or the AWS error code (and HTTP status where the client tells it). */
export type CallResult = { ok: Record<string, unknown>; error?: undefined } | { ok?: undefined; error: string; status?: number };

const kebab = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

async function viaCliV2(env: NodeJS.ProcessEnv, profile: string, service: string, operation: string, params: object): Promise<CallResult> {
  const args = ['--profile', profile, '--output', 'json', service, kebab(operation), '--cli-input-json', JSON.stringify(params)];
  try {
    const { stdout } = await run('/usr/bin/aws', args, { env: { ...env, AWS_MAX_ATTEMPTS: '1', AWS_PAGER: '' } });
    return { ok: stdout.trim() ? JSON.parse(stdout) as Record<string, unknown> : {} };
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    const code = /An error occurred \(([^)]+)\)/.exec(stderr)?.[1];
    if (!code) throw new Error(`AWS CLI v2 failed without an AWS error: ${stderr.slice(0, 400)}`);
    return { error: code };
  }
}

async function viaScript(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<CallResult> {
  const { stdout } = await run(command, args, { env, cwd: repoRoot });
  return JSON.parse(stdout) as CallResult;
}

/** `operation` is the API's name (`GetCallerIdentity`), `params` its input as the API spells it. */
export function callAws(client: AwsClient, env: NodeJS.ProcessEnv, profile: string, service: 'iam' | 'sts', operation: string, params: object = {}): Promise<CallResult> {
  const rest = [profile, service, operation, JSON.stringify(params)];
  if (client === 'cli-v2') return viaCliV2(env, profile, service, operation, params);
  if (client === 'botocore') return viaScript('python3', [path.join(supportDir, 'aws_call.py'), ...rest], env);
  return viaScript(process.execPath, [path.join(supportDir, 'aws-call.mjs'), ...rest], env);
}
