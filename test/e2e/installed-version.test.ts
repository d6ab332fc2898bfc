// Issue 11: the shim and the daemon do not depend on where keyward was run from. keyward runs from
// a copy of this checkout (as a user's clone or npm prefix), migrates, and the copy is deleted:
// the AWS CLI v2 and botocore still resolve the keys, and the installed CLI (what the service unit
// runs) still starts the daemon and reads the keychain.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderUnit } from '../../src/platform/systemd.js';
import { installedProgram } from '../../src/platform/template.js';
import { versionsDir } from '../../src/platform/install.js';
import { launcherPath } from '../../src/launcher/install.js';
import { resolveBotocore, resolveCliV2 } from '../support/aws-clients.js';
import { is, startWatch } from '../support/daemon.js';
import { CREDENTIALS, KEYS, makeMigrateHome } from '../support/migrate-home.js';
import { repoRoot } from '../support/paths.js';

const home = makeMigrateHome('installed-version', { credentials: CREDENTIALS });
const copy = path.join(home.root, 'clone of keyward');
afterAll(() => home.cleanup());

/** The parts of a checkout an installed keyward has: package.json, bin/, dist/, service/, node_modules/. */
function copyCheckout(to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const part of ['package.json', 'bin', 'dist', 'service']) fs.cpSync(path.join(repoRoot, part), path.join(to, part), { recursive: true });
  // Hard links: 17k files in a fraction of a second; deleting the copy unlinks only the copy's names.
  const linked = spawnSync('cp', ['-al', path.join(repoRoot, 'node_modules'), path.join(to, 'node_modules')]);
  if (linked.status !== 0) fs.cpSync(path.join(repoRoot, 'node_modules'), path.join(to, 'node_modules'), { recursive: true });
}

describe('a self-contained install', () => {
  let unit = '';
  beforeAll(() => {
    copyCheckout(copy);
    const run = spawnSync(process.execPath, [path.join(copy, 'bin/keyward'), 'migrate', '--yes'], { env: home.env, encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // What `service install` writes, rendered from the copy (systemctl itself needs a user manager).
    unit = spawnSync(process.execPath, ['--input-type=module', '-e',
      `import { renderUnit } from ${JSON.stringify(path.join(copy, 'dist/platform/systemd.js'))};
       import { installedProgram } from ${JSON.stringify(path.join(copy, 'dist/platform/template.js'))};
       process.stdout.write(renderUnit(installedProgram(process.env, process.env.HOME)));`], { env: home.env, encoding: 'utf8' }).stdout;
    fs.rmSync(copy, { recursive: true, force: true });
  }, 180_000);

  it('names no file of the checkout it was installed from', () => {
    expect(fs.existsSync(copy)).toBe(false);
    const launcher = fs.readFileSync(launcherPath(home.env, home.home), 'utf8');
    expect(launcher).toContain(`${versionsDir(home.env, home.home)}/`);
    expect(launcher).not.toContain(copy);
    expect(unit).toContain(`${versionsDir(home.env, home.home)}/`);
    expect(unit).not.toContain(copy);
  });

  it('still resolves the keys in the AWS CLI v2 and botocore after the checkout is deleted', () => {
    expect(resolveCliV2(home.env, 'default')).toMatchObject({ AccessKeyId: KEYS.default.id, SecretAccessKey: KEYS.default.secret });
    const botocore = resolveBotocore(home.env, ['default', 'ci']);
    expect(botocore.default?.credentials).toMatchObject({ AccessKeyId: KEYS.default.id });
    expect(botocore.ci?.credentials).toMatchObject({ AccessKeyId: KEYS.ci.id });
  });

  it("runs the service's program: the installed CLI reads the keychain and starts the daemon", async () => {
    const entry = /ExecStart="[^"]+" "([^"]+)" watch/.exec(unit)?.[1] as string;
    expect(entry).toMatch(/\/dist\/keyward\.mjs$/);
    const status = spawnSync(process.execPath, [entry, 'status', '--format', 'json'], { env: home.env, encoding: 'utf8', timeout: 60_000 });
    expect(status.stderr).toBe('');
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ profiles: expect.arrayContaining([expect.objectContaining({ name: 'default', source: 'keychain', ageDays: 0 })]) });
    const watch = startWatch(home.env, entry);
    try {
      await watch.next(is('ready'), 60_000);
    } finally {
      await watch.stop();
    }
  }, 120_000);

  it('the same build installs once; the rendered unit of this checkout names the same version', () => {
    expect(fs.readdirSync(versionsDir(home.env, home.home))).toHaveLength(1);
    expect(renderUnit(installedProgram(home.env, home.home))).toBe(unit);
  });
});
