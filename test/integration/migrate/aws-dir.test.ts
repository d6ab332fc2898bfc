// What migrate tidies around the key it moves: ~/.aws back to 0700, and a word about copies of the
// key it cannot move (an export in a shell start-up file).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';

let h: MigrateHome | undefined;
afterEach(() => {
  h?.cleanup();
  h = undefined;
});

describe('keyward migrate around the AWS files', () => {
  it('tightens ~/.aws to 0700 when it rewrites a file in it, and says so', () => {
    h = makeMigrateHome('awsdir', { credentials: `[dev]\naws_access_key_id = ${KEYS.default.id}\naws_secret_access_key = ${KEYS.default.secret}\n`, config: '' });
    fs.chmodSync(path.dirname(h.credentials), 0o755);
    const run = h.keyward(['migrate', '--yes']);
    expect(run.status, run.stderr).toBe(0);
    expect(fs.statSync(path.dirname(h.credentials)).mode & 0o777).toBe(0o700);
    expect(run.stdout).toContain('to mode 0700 (it was 0755)');
  });

  it('names a shell file that still exports the key, in the plan and after the run', () => {
    h = makeMigrateHome('exported', { credentials: `[dev]\naws_access_key_id = ${KEYS.default.id}\naws_secret_access_key = ${KEYS.default.secret}\n`, config: '' });
    fs.writeFileSync(path.join(h.home, '.bashrc'), `# old\nexport AWS_SECRET_ACCESS_KEY=${KEYS.default.secret}\n`);
    const plan = h.keyward(['migrate']);
    expect(plan.stdout).toContain(`note: this key also appears in ${path.join(h.home, '.bashrc')} line 2`);
    const run = h.keyward(['migrate', '--yes']);
    expect(run.stdout).toContain(`also appears in ${path.join(h.home, '.bashrc')} line 2`);
    expect(plan.stdout + run.stdout).not.toContain(KEYS.default.secret);
  });
});

describe('keyward migrate and the launcher', () => {
  it('writes the launcher again on a run with nothing to migrate, when a profile still names it', () => {
    h = makeMigrateHome('relaunch', { credentials: `[dev]\naws_access_key_id = ${KEYS.default.id}\naws_secret_access_key = ${KEYS.default.secret}\n`, config: '' });
    expect(h.keyward(['migrate', '--yes']).status).toBe(0);
    const launcher = /credential_process = (\S+)/.exec(fs.readFileSync(h.credentials, 'utf8'))?.[1] as string;
    fs.rmSync(launcher);
    const again = h.keyward(['migrate', '--yes']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing to migrate');
    expect(fs.statSync(launcher).mode & 0o777).toBe(0o700);
  });
});
