// Who can reach the agent and what it does with the socket's place. The tests run as root; the
// other user is `nobody` (uid 65534) through setpriv. Its runtime directory is the only one outside
// the session's private HOME (temp-home.ts), in a 0711 directory under /tmp, because the session
// HOME is 0700: under it `nobody` would be stopped before ever reaching the agent's directory, and
// the test would prove nothing. A control run opens the modes and shows `nobody` then gets in.
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../../src/agent/server.js';
import { installLauncher } from '../../../src/launcher/install.js';
import { createWatchHome, startWatch } from '../../support/daemon.js';
import { shimEntry } from '../../support/paths.js';
import { createTempHome } from '../../support/temp-home.js';

const NOBODY = 65534;
const cleanups: (() => void)[] = [];
afterAll(() => { for (const cleanup of cleanups.reverse()) cleanup(); });

/** curl as `nobody`: its exit code (7: could not connect) and the HTTP status it printed. */
function curlAsNobody(socket: string): { status: number | null; http: string } {
  const run = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--',
    'curl', '--silent', '--max-time', '5', '--output', '/dev/null', '--write-out', '%{http_code}', '--unix-socket', socket, 'http://keyward/v1/health'], { encoding: 'utf8' });
  return { status: run.status, http: run.stdout };
}

/** A home whose agent would live in `runtime/keyward`. */
function home(label: string, runtime?: string) {
  const base = createTempHome(label);
  cleanups.push(base.cleanup);
  const dir = runtime ?? path.join(base.root, 'run');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { ...base, runtime: dir, env: { ...base.env, XDG_RUNTIME_DIR: dir } };
}
const connects = (socket: string): Promise<void> => new Promise((resolve, reject) => {
  const client = net.connect(socket).once('connect', () => { client.destroy(); resolve(); }).once('error', reject);
});
const unusedStore = async () => { throw new Error('no keychain read expected'); };

/** A socket file nobody answers on: left by a process killed while listening. */
async function staleSocket(file: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(file)}, () => console.log('up'))`]);
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('another user', () => {
  it('cannot connect to the agent of `keyward watch`, while the same socket in open modes would let it', async () => {
    const open = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-agent-uid-'));
    cleanups.push(() => fs.rmSync(open, { recursive: true, force: true }));
    fs.chmodSync(open, 0o711);
    const watchHome = createWatchHome('agent-nobody');
    cleanups.push(() => fs.rmSync(path.dirname(watchHome.home), { recursive: true, force: true }));
    const watch = startWatch({ ...watchHome.env, XDG_RUNTIME_DIR: open });
    const socket = path.join(open, 'keyward', 'agent.sock');
    try {
      await watch.next((event) => event.event === 'ready' && event.agent === socket);
      expect(curlAsNobody(socket)).toEqual({ status: 7, http: '000' });
      // Control: the same agent, with its directory and socket opened up, is reachable by nobody.
      fs.chmodSync(path.dirname(socket), 0o711);
      fs.chmodSync(socket, 0o666);
      expect(curlAsNobody(socket)).toEqual({ status: 0, http: '200' });
    } finally {
      await watch.stop();
    }
  });
});

describe('the socket\'s place', () => {
  it('replaces a stale socket (nobody answers on it)', async () => {
    const h = home('agent-stale');
    const socket = path.join(h.runtime, 'keyward', 'agent.sock');
    fs.mkdirSync(path.dirname(socket), { mode: 0o700 });
    await staleSocket(socket);
    expect(fs.lstatSync(socket).isSocket()).toBe(true);
    await expect(connects(socket)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const agent = await startAgent({ env: h.env, home: h.home, openStore: unusedStore, onError: () => undefined });
    try {
      await connects(socket);
    } finally {
      await agent.close();
    }
    expect(fs.existsSync(socket)).toBe(false);
  });

  it('leaves a live agent alone: a second one refuses and the first keeps its socket', async () => {
    const h = home('agent-live');
    const first = await startAgent({ env: h.env, home: h.home, openStore: unusedStore, onError: () => undefined });
    try {
      const inode = fs.lstatSync(first.socketPath).ino;
      await expect(startAgent({ env: h.env, home: h.home, openStore: unusedStore, onError: () => undefined }))
        .rejects.toMatchObject({ code: 'service-error', message: expect.stringContaining('another keyward agent already answers') });
      expect(fs.lstatSync(first.socketPath).ino).toBe(inode);
    } finally {
      await first.close();
    }
  });

  it('never follows or removes a symlink (to the directory or in place of the socket), nor a plain file', async () => {
    const h = home('agent-symlink');
    const target = path.join(h.root, 'elsewhere');
    fs.mkdirSync(target, { mode: 0o700 });
    fs.writeFileSync(path.join(target, 'precious'), 'x');
    fs.symlinkSync(target, path.join(h.runtime, 'keyward'));
    await expect(startAgent({ env: h.env, home: h.home, openStore: unusedStore, onError: () => undefined }))
      .rejects.toMatchObject({ code: 'service-error', message: expect.stringContaining('symbolic link') });
    fs.unlinkSync(path.join(h.runtime, 'keyward'));
    fs.mkdirSync(path.join(h.runtime, 'keyward'), { mode: 0o700 });
    fs.symlinkSync(path.join(target, 'precious'), path.join(h.runtime, 'keyward', 'agent.sock'));
    await expect(startAgent({ env: h.env, home: h.home, openStore: unusedStore, onError: () => undefined })).rejects.toMatchObject({ code: 'service-error' });
    expect(fs.lstatSync(path.join(h.runtime, 'keyward', 'agent.sock')).isSymbolicLink()).toBe(true);
    fs.unlinkSync(path.join(h.runtime, 'keyward', 'agent.sock'));
    fs.writeFileSync(path.join(h.runtime, 'keyward', 'agent.sock'), 'not a socket');
    await expect(startAgent({ env: h.env, home: h.home, openStore: unusedStore, onError: () => undefined })).rejects.toMatchObject({ code: 'service-error' });
    expect(fs.readFileSync(path.join(h.runtime, 'keyward', 'agent.sock'), 'utf8')).toBe('not a socket');
    expect(fs.readFileSync(path.join(target, 'precious'), 'utf8')).toBe('x');
  });

  it('tightens its own directory to 0700 and refuses one that belongs to another user', async () => {
    const h = home('agent-owner');
    const dir = path.join(h.runtime, 'keyward');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const agent = await startAgent({ env: h.env, home: h.home, openStore: unusedStore, onError: () => undefined });
    await agent.close();
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    fs.chownSync(dir, NOBODY, NOBODY);
    await expect(startAgent({ env: h.env, home: h.home, openStore: unusedStore, onError: () => undefined }))
      .rejects.toMatchObject({ code: 'service-error', message: expect.stringContaining(`belongs to uid ${NOBODY}`) });
  });

  it('the launcher does not ask a socket in a directory another user owns (it could serve any key): the shim answers', async () => {
    const h = home('agent-planted');
    const dir = path.join(h.runtime, 'keyward');
    fs.mkdirSync(dir, { mode: 0o755 });
    const planted = path.join(dir, 'agent.sock');
    const fake = '{"Version":1,"AccessKeyId":"AKIAPLANTEDPLANTED23","SecretAccessKey":"planted"}';
    const server = http.createServer((_, response) => response.end(fake)).listen(planted);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const launcher = installLauncher({ env: h.env, home: h.home, entry: shimEntry });
      // Asynchronously: the planted server runs in this process's event loop.
      const launch = () => new Promise<{ stdout: string; stderr: string }>((resolve) => {
        execFile(launcher, ['--profile', 'dev'], { env: h.env, encoding: 'utf8' }, (_, stdout, stderr) => resolve({ stdout, stderr }));
      });
      const asked = await launch();
      expect(asked.stdout).toBe(`${fake}\n`); // ours, owned by us: the fast path takes it (the control)
      fs.chownSync(dir, NOBODY, NOBODY);
      fs.chownSync(planted, NOBODY, NOBODY);
      const refused = await launch();
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^keyward credential-process: profile 'dev': no keychain item/);
    } finally {
      server.close();
    }
  });
});
