// The shim's read of the two policy files (the same paths as policy/load.ts, which the shim may
// not load): only the session keys, for one profile.
import path from 'node:path';
import type { Env } from '../awsconfig/paths.js';
import { readRegularFile } from '../fsutil/read-file.js';
import { KeywardError } from '../errors.js';
import { readSessionLayer, resolveSessionSettings } from './settings.js';
import type { SessionLayer, SessionSettings } from './settings.js';

const FLEET_POLICY_PATH = '/etc/keyward/policy.ini';

/** Same paths as policy/load.ts's fleetPolicyPath and userPolicyPath (a test checks they agree). */
export function policyPaths(env: Env, home: string): { fleet: string; user: string } {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return { fleet: env.KEYWARD_FLEET_POLICY || FLEET_POLICY_PATH, user: path.join(base, 'keyward', 'config.ini') };
}

function readLayer(file: string): SessionLayer | undefined {
  const read = readRegularFile(file);
  if (read.ok) return readSessionLayer(file, read.bytes.toString('utf8'));
  if (read.missing) return undefined;
  throw new KeywardError('policy-invalid', `the policy file ${file} ${read.problem}`, 'Check its permissions, or remove it.');
}

export function loadSessionSettings(env: Env, home: string, profile: string): SessionSettings {
  const { fleet, user } = policyPaths(env, home);
  return resolveSessionSettings(readLayer(fleet), readLayer(user), profile);
}
