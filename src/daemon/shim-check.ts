// The launcher check: every keyward credential_process line must still run something. A moved
// checkout or a deleted launcher makes every AWS call for that profile fail, silently to the user
// until they next run a command; the daemon says so first.
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../awsconfig/paths.js';
import { parseCredentialProcessLine } from '../launcher/line.js';
import { readProfiles } from '../sources/profiles.js';

export interface LauncherProblem {
  profile: string;
  file: string;
  line: number;
  message: string;
}

export async function checkLaunchers(env: Env, home: string): Promise<LauncherProblem[]> {
  const problems: LauncherProblem[] = [];
  for (const profile of readProfiles(env, home).profiles) {
    const setting = profile.settings.get('credential_process');
    const parsed = typeof setting?.value === 'string' ? parseCredentialProcessLine(setting.value) : undefined;
    if (!setting || !parsed) continue;
    const reason = await launcherProblem(parsed.program);
    if (reason) {
      problems.push({ profile: profile.name, file: setting.file.path, line: setting.entry.line, message: `the keyward launcher ${parsed.program} ${reason}` });
    }
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
