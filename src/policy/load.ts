// Finds and reads the two policy files: the fleet's (/etc/keyward/policy.ini, or
// KEYWARD_FLEET_POLICY) and the user's ($XDG_CONFIG_HOME/keyward/config.ini).
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { KeywardError } from '../errors.js';
import { mergePolicy } from './merge.js';
import { parsePolicy } from './parse.js';
import type { Context } from '../context.js';
import type { Env } from '../awsconfig/paths.js';
import type { Policy, PolicyLayer } from './policy.js';

export const FLEET_POLICY_PATH = '/etc/keyward/policy.ini';

export function fleetPolicyPath(env: Env): string {
  return env.KEYWARD_FLEET_POLICY || FLEET_POLICY_PATH;
}

export function userPolicyPath(env: Env, home: string): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(base, 'keyward', 'config.ini');
}

async function readLayer(file: string): Promise<PolicyLayer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new KeywardError('policy-invalid', `cannot read the policy file ${file} (${code ?? 'unknown error'})`,
      'Check its permissions, or remove it.');
  }
  return parsePolicy(file, text);
}

/** defaults < fleet < user. Throws KeywardError('policy-invalid') naming the file and line. */
export async function loadPolicy(ctx: Pick<Context, 'env' | 'home'>): Promise<Policy> {
  const fleetFile = fleetPolicyPath(ctx.env);
  const userFile = userPolicyPath(ctx.env, ctx.home);
  const [fleet, user] = await Promise.all([readLayer(fleetFile), readLayer(userFile)]);
  return mergePolicy(fleet, user, [fleetFile, userFile]);
}

export type { Policy, RuleSetting } from './policy.js';
