// askMfaCode's sources in the policy's order, with real processes: mfa_process, a fake `zenity` on
// PATH standing in for the desktop dialog (the test says so: no display server here). The terminal
// is left out of every order here (the pty case is terminal-prompt.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKeywardError } from '../../../src/errors.js';
import { askMfaCode, desktopCommand, type CodeRequest } from '../../../src/sessions/mfa.js';
import { makeTempDir } from '../../support/temp-home.js';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = makeTempDir('mfa-sources');
  // A fake zenity: records its arguments, answers 222222 (or, with FAKE_ZENITY_CANCEL, is cancelled: exit 1).
  fs.writeFileSync(path.join(dir, 'zenity'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/zenity-args"\n[ -n "$FAKE_ZENITY_CANCEL" ] && exit 1\necho 222222\n`, { mode: 0o755 });
  env = { PATH: `${dir}:/usr/bin:/bin`, DISPLAY: ':99' };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const request = (over: Partial<CodeRequest>): CodeRequest => ({
  profile: 'dev', mfaSerial: 'arn:aws:iam::123456789012:mfa/dev', mfaProcess: 'echo 111111', order: ['process', 'desktop', 'terminal'],
  env, retry: false, platform: 'linux', ...over,
});

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isKeywardError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe(askMfaCode.name, () => {
  it('takes the first source of the order that is available', async () => {
    expect(await askMfaCode(request({}))).toEqual({ code: '111111', source: 'process' });
    expect(await askMfaCode(request({ order: ['desktop', 'process'] }))).toEqual({ code: '222222', source: 'desktop' });
    expect(await askMfaCode(request({ mfaProcess: undefined }))).toEqual({ code: '222222', source: 'desktop' });
  });

  it('shows the profile and device in the dialog, and says when a code was refused', async () => {
    await askMfaCode(request({ order: ['desktop'], retry: true }));
    expect(fs.readFileSync(path.join(dir, 'zenity-args'), 'utf8')).toBe(
      "--entry\n--title=keyward\n--text=That code was not accepted. MFA code for AWS profile 'dev' (arn:aws:iam::123456789012:mfa/dev):\n");
  });

  it('skips a desktop dialog without a display, and a source the order leaves out', async () => {
    const noDisplay = { PATH: env.PATH };
    // (No `terminal` here: a developer's run may have one. The shim tests run under setsid for that case.)
    expect(await failure(askMfaCode(request({ mfaProcess: undefined, env: noDisplay, order: ['process', 'desktop'] }))))
      .toBe("mfa-unavailable: an MFA code is needed and there is no way to ask for one here (tried process, desktop)");
    expect(await failure(askMfaCode(request({ order: ['desktop'], env: noDisplay })))).toMatch(/^mfa-unavailable: .*\(tried desktop\)$/);
  });

  it('a failing mfa_process or a cancelled dialog is a clear error, not the next source', async () => {
    expect(await failure(askMfaCode(request({ mfaProcess: 'exit 3' })))).toBe("mfa-process-failed: the profile's mfa_process exited with status 3");
    expect(await failure(askMfaCode(request({ order: ['desktop', 'process'], env: { ...env, FAKE_ZENITY_CANCEL: '1' } }))))
      .toBe("mfa-cancelled: no MFA code was entered");
  });
});

describe(desktopCommand.name, () => {
  it.each([
    ['darwin', '/usr/bin/osascript'], ['win32', 'powershell.exe'],
  ] as const)('on %s uses %s, the prompt passed as an argument or variable, never in the script', (platform, program) => {
    const [file, args] = desktopCommand('code for "x"; rm -rf ~', {}, platform) ?? ['', []];
    expect(file).toBe(program);
    expect(args.slice(0, -1).join(' ')).not.toContain('rm -rf');
  });

  it('on Linux prefers zenity, then kdialog, and needs a display', () => {
    expect(desktopCommand('t', { PATH: dir, WAYLAND_DISPLAY: 'wayland-0' }, 'linux')?.[0]).toBe(path.join(dir, 'zenity'));
    expect(desktopCommand('t', { PATH: dir }, 'linux')).toBeUndefined();
    expect(desktopCommand('t', { PATH: '/nonexistent', DISPLAY: ':0' }, 'linux')).toBeUndefined();
  });
});
