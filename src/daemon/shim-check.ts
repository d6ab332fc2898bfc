// The launcher check: every keyward credential_process line must still work. A moved checkout or
// a deleted launcher makes every AWS call for that profile fail, silently to the user until they
// next run a command; the daemon says so first. It runs each distinct launcher end to end for one
// profile, exactly as the AWS CLI would (not just `test -x`), and when keyward's own launcher is
// the broken part it rewrites it (installLauncher) and runs it again.
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Env } from '../awsconfig/paths.js';
import { AGENT_OFF_VARIABLE } from '../launcher/fast-path.js';
import { installLauncher, launcherPath } from '../launcher/install.js';
import { parseCredentialProcessLine } from '../launcher/line.js';
import { readProfiles } from '../sources/profiles.js';

export interface LauncherProblem {
  profile: string;
  file: string;
  line: number;
  message: string;
  /** True when the daemon rewrote keyward's launcher and the profile works again. */
  repaired?: boolean;
}

interface Probe {
  profile: string;
  account: string;
  program: string;
  file: string;
  line: number;
}

/** One profile per distinct program: enough to know whether that launcher works. */
function probes(env: Env, home: string): Probe[] {
  const byProgram = new Map<string, Probe>();
  for (const profile of readProfiles(env, home).profiles) {
    const setting = profile.settings.get('credential_process');
    const parsed = typeof setting?.value === 'string' ? parseCredentialProcessLine(setting.value) : undefined;
    if (!setting || !parsed || byProgram.has(parsed.program)) continue;
    byProgram.set(parsed.program, { profile: profile.name, account: parsed.account, program: parsed.program, file: setting.file.path, line: setting.entry.line });
  }
  return [...byProgram.values()];
}

export async function checkLaunchers(env: Env, home: string): Promise<LauncherProblem[]> {
  const problems: LauncherProblem[] = [];
  for (const probe of probes(env, home)) {
    const failure = await runLauncher(probe, env);
    if (failure === undefined) continue;
    const where = { profile: probe.profile, file: probe.file, line: probe.line };
    if (probe.program === launcherPath(env, home) && !failure.keychain) {
      installLauncher({ env, home });
      if (await runLauncher(probe, env) === undefined) {
        problems.push({ ...where, repaired: true, message: `the keyward launcher ${probe.program} was broken (${failure.reason}); keyward rewrote it and it works again` });
        continue;
      }
    }
    problems.push({ ...where, message: `the keyward launcher ${probe.program} fails: ${failure.reason}` });
  }
  return problems;
}

/** Runs the line's program as the AWS CLI would; undefined when it prints credentials. */
function runLauncher(probe: Probe, env: Env): Promise<{ reason: string; keychain: boolean } | undefined> {
  if (!path.isAbsolute(probe.program)) return Promise.resolve({ reason: 'it is not an absolute path', keychain: false });
  const args = ['--profile', probe.profile, ...(probe.account === probe.profile ? [] : ['--item', probe.account])];
  return new Promise((resolve) => {
    // KEYWARD_AGENT=off: this daemon's own agent would answer, and the check is of the path
    // the launcher falls back to when no agent runs (node and the shim).
    execFile(probe.program, args, { env: { ...env, [AGENT_OFF_VARIABLE]: 'off' }, timeout: 20_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error && /"AccessKeyId"/.test(stdout)) return resolve(undefined);
      // The shim's stderr is one line and never holds a secret; a missing launcher has none.
      const line = stderr.split('\n').find((l) => l.trim() !== '')?.trim();
      const code = (error as NodeJS.ErrnoException | null)?.code;
      const reason = line ?? (code === 'ENOENT' ? 'it is missing' : code === 'EACCES' ? 'it is not executable' : `it exited ${String(code ?? 'without credentials')}`);
      // When the shim itself answered (a locked keychain, a missing item), the launcher did its part:
      // rewriting it would not help.
      resolve({ reason, keychain: (line ?? '').startsWith('keyward credential-process:') });
    });
  });
}
