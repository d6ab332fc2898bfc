// The launcher on disk: written atomically with tight modes, left alone when unchanged, rewritten
// when node or the install moves, and still working when the recorded node has vanished.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installLauncher, launcherPath } from '../../../src/launcher/install.js';
import { createFixture, fakeKey, item, shimEntry } from '../../support/shim-fixture.js';

const fx = createFixture('launcher');
afterAll(() => fx.cleanup());
const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe(installLauncher.name, () => {
  it('writes a 0700 script in a 0700 directory and returns its path', () => {
    const file = installLauncher({ env: fx.env, home: fx.home, entry: shimEntry });
    expect(file).toBe(launcherPath(fx.env, fx.home));
    expect(mode(file)).toBe(0o700);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['keyward-credential-process']); // no temp file left
  });

  it('is idempotent: an unchanged launcher is not rewritten', () => {
    const file = installLauncher({ env: fx.env, home: fx.home, entry: shimEntry });
    const before = fs.statSync(file).ino;
    installLauncher({ env: fx.env, home: fx.home, entry: shimEntry });
    expect(fs.statSync(file).ino).toBe(before);
  });

  it('absorbs a node switch by rewriting itself, and falls back to node on PATH when the recorded one is gone', async () => {
    await fx.put('dev', item(fakeKey(9)));
    const gone = path.join(fx.home, 'old-nvm/bin/node');
    const file = installLauncher({ env: fx.env, home: fx.home, entry: shimEntry, nodePath: gone });
    expect(fs.readFileSync(file, 'utf8')).toContain(gone);
    const env = { ...fx.env, PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` };
    const run = spawnSync(file, ['--profile', 'dev'], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ AccessKeyId: fakeKey(9).AccessKeyId });
    installLauncher({ env: fx.env, home: fx.home, entry: shimEntry });
    expect(fs.readFileSync(file, 'utf8')).toContain(process.execPath);
  });
});
