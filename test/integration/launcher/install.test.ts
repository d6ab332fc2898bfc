// The launcher on disk: written atomically with tight modes, left alone when unchanged, rewritten
// when node or the install moves, and still working when the recorded node has vanished.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installLauncher, launcherPath } from '../../../src/launcher/install.js';
import { fakeCredentials } from '../../support/keys.js';
import { shimEntry } from '../../support/paths.js';
import { createFixture, item } from '../../support/shim-fixture.js';

const fx = createFixture('launcher');
afterAll(() => fx.cleanup());
const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe(installLauncher.name, () => {
  it('writes a 0700 script in a 0700 directory and returns its path', () => {
    const file = installLauncher({ env: fx.env, home: fx.home, entry: shimEntry });
    expect(file).toBe(launcherPath(fx.env, fx.home));
    expect(mode(file)).toBe(0o700);
    expect(mode(path.dirname(file))).toBe(0o700);
    // Beside it the installed `keyward` (launcher/cli-script.ts), also 0700; no temp file left.
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['keyward', 'keyward-credential-process']);
    expect(mode(path.join(path.dirname(file), 'keyward'))).toBe(0o700);
  });

  it('is idempotent: an unchanged launcher is not rewritten', () => {
    const file = installLauncher({ env: fx.env, home: fx.home, entry: shimEntry });
    const before = fs.statSync(file).ino;
    installLauncher({ env: fx.env, home: fx.home, entry: shimEntry });
    expect(fs.statSync(file).ino).toBe(before);
  });

  it('absorbs a node switch by rewriting itself, and falls back to node on PATH when the recorded one is gone', async () => {
    await fx.put('dev', item(fakeCredentials(9)));
    const gone = path.join(fx.home, 'old-nvm/bin/node');
    const file = installLauncher({ env: fx.env, home: fx.home, entry: shimEntry, nodePath: gone });
    expect(fs.readFileSync(file, 'utf8')).toContain(gone);
    const env = { ...fx.env, PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` };
    const run = spawnSync(file, ['--profile', 'dev'], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ AccessKeyId: fakeCredentials(9).AccessKeyId });
    installLauncher({ env: fx.env, home: fx.home, entry: shimEntry });
    expect(fs.readFileSync(file, 'utf8')).toContain(process.execPath);
  });

  // The launcher's own failures: one stderr line, exit 1, nothing on stdout, no node stack trace.
  function runGone(options: { napi?: number; entry?: string; PATH?: string }): ReturnType<typeof spawnSync> {
    const gone = path.join(fx.home, 'uninstalled/bin/node');
    const file = installLauncher({ env: fx.env, home: fx.home, entry: options.entry ?? shimEntry, nodePath: gone, ...(options.napi === undefined ? {} : { napi: options.napi }) });
    const PATH = options.PATH ?? `${path.dirname(process.execPath)}:/usr/bin:/bin`;
    return spawnSync(file, ['--profile', 'dev'], { env: { ...fx.env, PATH }, encoding: 'utf8' });
  }
  const oneLine = (text: unknown): string[] => String(text).split('\n').filter(Boolean);

  it('refuses a PATH node whose Node-API is older than keytar was built for, in one line', () => {
    const run = runGone({ napi: 999 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(oneLine(run.stderr)).toEqual([expect.stringMatching(
      new RegExp(`^keyward: the node this launcher recorded \\(.*uninstalled/bin/node\\) is gone and .*node offers Node-API ${process.versions.napi}, older than the Node-API 999 keytar was built for; rebuild keyward`))]);
  });

  it('says so in one line when the recorded node is gone and no node is on PATH', () => {
    const run = runGone({ PATH: path.join(fx.home, 'empty-bin') });
    expect(run.status).toBe(1);
    expect(oneLine(run.stderr)).toEqual([expect.stringMatching(/^keyward: the node this launcher recorded .* is gone and no node is on PATH; /)]);
  });

  it('says so in one line when the shim entry is gone (keyward moved or uninstalled)', () => {
    const file = installLauncher({ env: fx.env, home: fx.home, entry: path.join(fx.home, 'moved/credential-process.cjs') });
    const run = spawnSync(file, ['--profile', 'dev'], { env: fx.env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(oneLine(run.stderr)).toEqual([expect.stringMatching(/^keyward: its shim .*moved\/credential-process\.cjs is gone .*; reinstall keyward, then run 'keyward migrate'/)]);
  });

  it('refuses to record a node whose Node-API is older than keytar was built for (it would crash loading it)', () => {
    const file = launcherPath(fx.env, fx.home);
    const before = fs.readFileSync(file, 'utf8');
    expect(() => installLauncher({ env: fx.env, home: fx.home, entry: shimEntry, napi: 999 }))
      .toThrow(expect.objectContaining({ code: 'keychain-unavailable', message: expect.stringContaining('would crash loading it') }));
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });
});
