// The installed versions (src/platform/install.ts): installed once per build, atomically, repaired
// when damaged, a new build beside the old, and an old one deleted only when nothing has named it
// for an hour.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installVersion, installSources, pruneVersions, PRUNE_AFTER_MS, versionsDir } from '../../../src/platform/install.js';
import { installLauncher, launcherPath, pruneUnusedVersions } from '../../../src/launcher/install.js';
import { repoRoot } from '../../support/paths.js';
import { createTempHome } from '../../support/temp-home.js';

const base = createTempHome('versions');
afterAll(() => base.cleanup());
const { env, home } = base;
const versions = versionsDir(env, home);
const HOUR = PRUNE_AFTER_MS;

/** A checkout whose shim differs from this one by a comment: another build. */
function otherBuild(label: string): string {
  const root = path.join(base.root, label);
  for (const [rel, file] of installSources(repoRoot)) {
    if (rel.startsWith('node_modules/')) continue;
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.copyFileSync(file, path.join(root, rel));
  }
  fs.appendFileSync(path.join(root, 'dist/shim/credential-process.cjs'), `\n// ${label}\n`);
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

describe(installVersion.name, () => {
  it('copies the CLI, the shim, keytar and the templates into <version>-<hash>, with no staging left', () => {
    const installed = installVersion(env, home, repoRoot);
    expect(path.basename(installed.dir)).toMatch(/^\d+\.\d+\.\d+-[0-9a-f]{12}$/);
    for (const rel of installSources(repoRoot).keys()) expect(fs.existsSync(path.join(installed.dir, rel)), rel).toBe(true);
    expect(fs.readFileSync(installed.shim)).toEqual(fs.readFileSync(path.join(repoRoot, 'dist/shim/credential-process.cjs')));
    expect(fs.readdirSync(versions)).toEqual([path.basename(installed.dir)]);
  });

  it('installs the same build once: a second call changes nothing', () => {
    const first = installVersion(env, home, repoRoot);
    const inode = fs.statSync(first.shim).ino;
    expect(installVersion(env, home, repoRoot)).toEqual(first);
    expect(fs.statSync(first.shim).ino).toBe(inode);
  });

  it('reinstalls a version whose files were damaged', () => {
    const installed = installVersion(env, home, repoRoot);
    fs.rmSync(path.join(installed.dir, 'node_modules/keytar/build/Release/keytar.node'));
    expect(installVersion(env, home, repoRoot)).toEqual(installed);
    expect(fs.existsSync(path.join(installed.dir, 'node_modules/keytar/build/Release/keytar.node'))).toBe(true);
    expect(fs.readdirSync(versions).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('installs another build beside the first', () => {
    const first = installVersion(env, home, repoRoot);
    const second = installVersion(env, home, otherBuild('build-b'));
    expect(second.dir).not.toBe(first.dir);
    expect(fs.readdirSync(versions).sort()).toEqual([path.basename(first.dir), path.basename(second.dir)].sort());
  });

  it('refuses, naming the missing part, when the install it runs from is incomplete', () => {
    const root = otherBuild('no-bundle');
    fs.rmSync(path.join(root, 'dist/keyward.mjs'));
    expect(() => installVersion(env, home, root)).toThrow(expect.objectContaining({ code: 'install-incomplete', message: expect.stringContaining('dist/keyward.mjs') }));
  });
});

describe(pruneVersions.name, () => {
  it('keeps what the launcher names, and deletes an unnamed version only an hour after first seeing it unnamed', () => {
    const t0 = Date.now();
    const old = installVersion(env, home, otherBuild('build-old'));
    installLauncher({ env, home, entry: old.shim });
    const current = installVersion(env, home, repoRoot);
    installLauncher({ env, home });
    expect(fs.readFileSync(launcherPath(env, home), 'utf8')).toContain(current.shim);
    // installLauncher pruned once: the old version is marked, not deleted.
    expect(fs.existsSync(old.dir)).toBe(true);
    expect(pruneUnusedVersions(env, home, t0 + HOUR - 60_000)).not.toContain(path.basename(old.dir));
    expect(pruneUnusedVersions(env, home, t0 + HOUR + 60_000)).toContain(path.basename(old.dir));
    expect(fs.existsSync(old.dir)).toBe(false);
    expect(fs.existsSync(current.shim)).toBe(true);
  });

  it('never deletes a version a referring file names, however old', () => {
    const kept = installVersion(env, home, otherBuild('build-unit'));
    const unit = path.join(base.root, 'keyward.service');
    fs.writeFileSync(unit, `ExecStart="/usr/bin/node" "${kept.cli}" watch\n`);
    expect(pruneVersions(env, home, [unit], Date.now())).not.toContain(path.basename(kept.dir));
    expect(pruneVersions(env, home, [unit], Date.now() + 10 * HOUR)).not.toContain(path.basename(kept.dir));
    expect(fs.existsSync(kept.cli)).toBe(true);
  });

  it('removes a staging directory a killed install left, once it is an hour old', () => {
    const staging = path.join(versions, '.staging-1-deadbeef');
    fs.mkdirSync(staging, { recursive: true });
    pruneVersions(env, home, [], Date.now());
    expect(fs.existsSync(staging)).toBe(true);
    pruneVersions(env, home, [], Date.now() + 2 * HOUR);
    expect(fs.existsSync(staging)).toBe(false);
  });
});
