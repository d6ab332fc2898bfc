// The launcher check: every keyward credential_process line must still run something. A moved
// checkout or a deleted launcher makes every AWS call for that profile fail, silently to the user
// until they next run a command; the daemon says so first.
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../awsconfig/paths.js';
import type { LineParser } from './credential-sources.js';
import { readProfiles } from './credential-sources.js';

export interface LauncherProblem {
  profile: string;
  file: string;
  line: number;
  message: string;
}

export async function checkLaunchers(env: Env, home: string, parseLine: LineParser): Promise<LauncherProblem[]> {
  const { profiles } = await readProfiles(env, home);
  const problems: LauncherProblem[] = [];
  for (const profile of profiles) {
    const value = profile.settings.credential_process;
    const origin = profile.origins.credential_process;
    if (value === undefined || origin === undefined) continue;
    const parsed = parseLine(value);
    if (!parsed) continue;
    const reason = await launcherProblem(parsed.program);
    if (reason) problems.push({ profile: profile.name, ...origin, message: `the keyward launcher ${parsed.program} ${reason}` });
  }
  return problems;
}

async function launcherProblem(program: string): Promise<string | undefined> {
  if (!path.isAbsolute(program)) return 'is not an absolute path';
  try {
    await access(program, constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? "is missing; run 'keyward migrate' again to reinstall it" : 'is not executable';
  }
}
