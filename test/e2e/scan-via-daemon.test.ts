// Issue 16's daemon lever, end to end: the installed `keyward` script (launcher/cli-script.ts,
// written by installLauncher as migrate does) asks the real `keyward watch` to run `keyward scan`
// over the agent socket. Its output and exit code must be exactly what `node bin/keyward scan`
// gives for the same arguments and environment — the caller's environment, not the daemon's. A
// copy of the script whose node is gone (and no node on PATH) shows which path answered: the daemon
// answers it, and a scan the daemon declines fails there with the launcher's "no node" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installLauncher } from '../../src/launcher/install.js';
import { cliScriptPath } from '../../src/launcher/cli-script.js';
import { createWatchHome, credentialsText, startWatch, type WatchHome, type WatchProcess } from '../support/daemon.js';
import { fakeKey } from '../support/keys.js';
import { binKeyward } from '../support/paths.js';

const key = fakeKey(90);
let h: WatchHome;
let watch: WatchProcess;
let script: string;
/** The script with its recorded node gone, and a PATH holding only what its fast path needs. */
let nodeless: string;
let bareBin: string;

type Run = { status: number | null; stdout: string; stderr: string };
const runWith = (file: string, args: string[], env: NodeJS.ProcessEnv, cwd = '/'): Run => {
  const run = spawnSync(file, args, { env, cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};
const viaNode = (args: string[], env: NodeJS.ProcessEnv = h.env, cwd = '/'): Run => runWith(process.execPath, [binKeyward, ...args], env, cwd);
const bare = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...h.env, PATH: bareBin, ...extra });

beforeAll(async () => {
  h = createWatchHome('scan-daemon');
  fs.mkdirSync(path.join(h.home, '.aws'), { mode: 0o700 });
  // Findings of several severities: a plaintext key (high), a CA bundle that is missing (medium), an http endpoint.
  fs.writeFileSync(h.aws('credentials'), credentialsText('default', key.id, key.secret), { mode: 0o600 });
  fs.writeFileSync(h.aws('config'), '[default]\nregion = us-east-1\nca_bundle = /nonexistent/corp.pem\n\n[profile web]\nendpoint_url = http://example.com\n', { mode: 0o644 });
  installLauncher({ env: h.env, home: h.home });
  script = cliScriptPath(h.env, h.home);
  bareBin = path.join(h.home, 'bare-bin');
  fs.mkdirSync(bareBin);
  for (const tool of ['curl', 'env', 'cat', 'rm']) fs.symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), path.join(bareBin, tool));
  nodeless = path.join(h.home, 'keyward-nodeless');
  fs.writeFileSync(nodeless, fs.readFileSync(script, 'utf8').replace(/^node=.*$/m, "node='/nonexistent/node'"), { mode: 0o700 });
  watch = startWatch(h.env);
  await watch.next((event) => event.event === 'ready' && typeof (event as { agent?: unknown }).agent === 'string');
}, 120_000);

afterAll(async () => {
  await watch.stop();
});

describe('keyward scan through the installed script while keyward watch serves', () => {
  it('is installed beside the launcher, 0700, recording this node and the installed version\'s CLI', () => {
    expect(fs.statSync(script).mode & 0o777).toBe(0o700);
    const text = fs.readFileSync(script, 'utf8');
    expect(text).toMatch(new RegExp(`^node='?${process.execPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'?$`, 'm'));
    expect(text).toMatch(/^entry='?.*\/keyward\/versions\/[^/]+\/dist\/keyward\.mjs'?$/m);
  });

  it.each([
    [['scan', '--format', 'json']],
    [['scan', '--format', 'SARIF']],
    [['scan']],
    [['scan', '--fail-on', 'high']],
    [['scan', '--fail-on=critical']],
    [['scan', '--fail-on', 'info', '--format', 'json']],
    [['scan', '--help']],
  ])('%j: the same output and exit code as node bin/keyward, answered by the daemon', (args) => {
    const expected = viaNode(args, bare());
    const answered = runWith(nodeless, args, bare());
    const fromScript = runWith(script, args, h.env);
    if (expected.status === 2) {
      // A usage error is node's to print: the daemon declines it, and the nodeless copy has no node.
      expect(answered).toMatchObject({ status: 1, stdout: '', stderr: expect.stringContaining('no node is on PATH') });
      expect(fromScript).toEqual(viaNode(args));
      return;
    }
    expect(answered).toEqual(expected);
    expect(fromScript).toEqual(viaNode(args));
  });

  it('scans with the caller\'s environment: a variable only the caller has shows up as a finding', () => {
    const args = ['scan', '--format', 'json'];
    const plain = runWith(nodeless, args, bare());
    // AWS_CA_BUNDLE beats the profile's ca_bundle: the caller's missing bundle is the one reported.
    const callers = { AWS_CA_BUNDLE: path.join(h.home, 'callers-own.pem') };
    const withBundle = runWith(nodeless, args, bare(callers));
    expect(withBundle.stdout).not.toBe(plain.stdout);
    expect(withBundle.stdout).toContain('callers-own.pem');
    expect(withBundle).toEqual(viaNode(args, bare(callers)));
  });

  it('declines what it cannot answer exactly (node then runs it): --debug, a relative AWS_CONFIG_FILE from another directory', () => {
    const nodeMissing = { status: 1, stdout: '', stderr: expect.stringContaining('no node is on PATH') };
    expect(runWith(nodeless, ['scan', '--debug'], bare())).toMatchObject(nodeMissing);
    const relative = bare({ AWS_CONFIG_FILE: '.aws/config' });
    expect(runWith(nodeless, ['scan', '--format', 'json'], relative, h.home)).toMatchObject(nodeMissing);
    // The real script: node runs it in the caller's directory, as `node bin/keyward scan` does.
    expect(runWith(script, ['scan', '--format', 'json'], { ...h.env, AWS_CONFIG_FILE: '.aws/config' }, h.home))
      .toEqual(viaNode(['scan', '--format', 'json'], { ...h.env, AWS_CONFIG_FILE: '.aws/config' }, h.home));
  });

  it('KEYWARD_AGENT=off and every other command run node', () => {
    expect(runWith(nodeless, ['scan'], bare({ KEYWARD_AGENT: 'off' }))).toMatchObject({ status: 1, stderr: expect.stringContaining('no node is on PATH') });
    expect(runWith(script, ['--version'], h.env)).toEqual(viaNode(['--version']));
  });

  it('once the daemon is gone, the script runs node and answers the same', async () => {
    await watch.stop();
    const args = ['scan', '--format', 'json'];
    expect(runWith(nodeless, args, bare())).toMatchObject({ status: 1, stderr: expect.stringContaining('no node is on PATH') });
    expect(runWith(script, args, h.env)).toEqual(viaNode(args));
  });
});
