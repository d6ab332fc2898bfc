// The agent's fast path (issue 14) against `node -e 0`, the Node-shim fallback, secret-tool, and
// the AWS CLI v2 with a plaintext key vs the same key through keyward (agent, then fallback). The
// agent is a real `keyward watch` in its own process (a bench that served in-process would block
// it with spawnSync). Runs alternate round by round; medians of wall time; ratios from one run.
// Needs `npm run build` and the private keyring of scripts/test-env.sh (npm run bench does both).
// BENCH_ROUNDS overrides 30.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childCpuMs } from './child-cpu.mjs';

if (process.env.KEYWARD_TEST_SESSION !== '1') throw new Error('run via `npm run bench` (private keyring)');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_ROUNDS) || 30;
const keytar = createRequire(path.join(root, 'package.json'))('keytar');
const { installLauncher } = await import(path.join(root, 'dist/launcher/install.js'));
const { credentialProcessLine } = await import(path.join(root, 'dist/launcher/line.js'));

const home = mkdtempSync(path.join(os.tmpdir(), 'keyward-bench-agent-'));
const service = `keyward-bench-agent-${process.pid}`;
const env = { ...process.env, HOME: home, KEYWARD_SERVICE: service, XDG_DATA_HOME: path.join(home, 'data'),
  XDG_STATE_HOME: path.join(home, 'state'), XDG_CONFIG_HOME: path.join(home, 'config'), XDG_RUNTIME_DIR: path.join(home, 'run'),
  AWS_CONFIG_FILE: path.join(home, '.aws/config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws/credentials'),
  AWS_EC2_METADATA_DISABLED: 'true' };
// Fake, well-formed key (AKIA + 16 of [A-Z2-7]); never a real one.
const key = { AccessKeyId: 'AKIABENCHAGENT234567', SecretAccessKey: 'bench/agent/0123456789abcdefghijklmnopqr' };

function setUp() {
  const launcher = installLauncher({ env, home, entry: path.join(root, 'dist/shim/credential-process.cjs') });
  mkdirSync(path.join(home, '.aws'), { recursive: true, mode: 0o700 });
  mkdirSync(env.XDG_RUNTIME_DIR, { mode: 0o700 });
  writeFileSync(env.AWS_CONFIG_FILE, `[profile kw]\ncredential_process = ${credentialProcessLine(launcher, 'kw')}\n`);
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE,
    `[plain]\naws_access_key_id = ${key.AccessKeyId}\naws_secret_access_key = ${key.SecretAccessKey}\n`);
  return launcher;
}

/** `keyward watch` in the background; resolves with the child once its agent serves. */
function startAgent() {
  const child = spawn(process.execPath, [path.join(root, 'bin/keyward'), 'watch', '--format', 'json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (/"event":"ready"[^\n]*"agent":/.test(out)) resolve(child);
      else if (out.includes('"event":"ready"')) reject(new Error(`the agent did not start: ${out}`));
    });
    child.once('exit', (code) => reject(new Error(`keyward watch exited ${code}: ${out}`)));
  });
}

const OFF = { KEYWARD_AGENT: 'off' };
function commands(launcher) {
  const list = [
    ['node -e 0', process.execPath, ['-e', '0']],
    ['launcher via the agent (curl)', launcher, ['--profile', 'kw']],
    ['launcher fallback (KEYWARD_AGENT=off: node shim)', launcher, ['--profile', 'kw'], OFF],
    ['secret-tool lookup', 'secret-tool', ['lookup', 'service', service, 'account', 'kw']],
  ];
  if (existsSync('/usr/bin/aws')) {
    list.push(['aws v2 export-credentials (plaintext)', '/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'plain']]);
    list.push(['aws v2 export-credentials (keyward, agent)', '/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'kw']]);
    list.push(['aws v2 export-credentials (keyward, fallback)', '/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'kw'], OFF]);
  }
  return list;
}

function time(file, args, extraEnv = {}) {
  const cpu = childCpuMs();
  const start = process.hrtime.bigint();
  const run = spawnSync(file, args, { env: { ...env, ...extraEnv }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${run.status}: ${run.stderr.split('\n')[0]}`);
  if (!run.stdout.includes(key.AccessKeyId) && file !== process.execPath) throw new Error(`${file} printed no key`);
  return { ms, cpu: childCpuMs() - cpu };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

let agent;
try {
  await keytar.setPassword(service, 'kw', JSON.stringify({ v: 1, ...key, createdAt: new Date().toISOString(),
    source: { file: env.AWS_SHARED_CREDENTIALS_FILE, section: 'kw' } }));
  const launcher = setUp();
  agent = await startAgent();
  const list = commands(launcher);
  for (const [, file, args, extra] of list) time(file, args, extra); // warm caches (and the agent's memory) once
  const audit = path.join(env.XDG_STATE_HOME, 'keyward', 'audit.log');
  const viaAgent = () => (existsSync(audit) ? readFileSync(audit, 'utf8').split('\n').filter((l) => l.includes('"via":"agent"')).length : 0);
  const agentBefore = viaAgent();
  const samples = list.map(() => []);
  const load = os.loadavg()[0];
  for (let r = 0; r < rounds; r++) list.forEach(([, file, args, extra], i) => samples[i].push(time(file, args, extra)));
  const wall = samples.map((xs) => median(xs.map((x) => x.ms)));
  const cpu = samples.map((xs) => xs.reduce((sum, x) => sum + x.cpu, 0) / xs.length);
  console.log(`${rounds} alternating rounds, node ${process.version}, ${os.cpus().length} CPUs, load ${load.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`);
  console.log(`${'command'.padEnd(48)} ${'wall median'.padStart(12)} ${'x node -e 0'.padStart(12)} ${'CPU mean'.padStart(10)}`);
  list.forEach(([name], i) => {
    console.log(`${name.padEnd(48)} ${`${wall[i].toFixed(1)} ms`.padStart(12)} ${(wall[i] / wall[0]).toFixed(2).padStart(12)} ${`${cpu[i].toFixed(0)} ms`.padStart(10)}`);
  });
  const served = viaAgent() - agentBefore;
  console.log(`agent-served calls in the timed rounds (audit via agent): ${served} of ${rounds * 2} expected`);
  const at = (name) => list.findIndex(([n]) => n === name);
  const ratio = (a, b) => ({ wall: wall[at(a)] / wall[at(b)], cpu: cpu[at(a)] / cpu[at(b)] });
  console.log(`${'ratio'.padEnd(52)} ${'wall'.padStart(6)} ${'CPU'.padStart(6)}`);
  const row = (label, value, target) => console.log(`${label.padEnd(52)} ${value.wall.toFixed(2).padStart(6)} ${value.cpu.toFixed(2).padStart(6)}` +
    `  target <= ${target}: ${value.wall <= target ? 'met' : 'NOT met'} (wall), ${value.cpu <= target ? 'met' : 'NOT met'} (CPU)`);
  row('launcher via the agent / node -e 0', ratio('launcher via the agent (curl)', 'node -e 0'), 0.25);
  row('launcher fallback / node -e 0', ratio('launcher fallback (KEYWARD_AGENT=off: node shim)', 'node -e 0'), 1.35);
  if (list.length > 4) row('aws export-credentials keyward (agent) / plaintext', ratio('aws v2 export-credentials (keyward, agent)', 'aws v2 export-credentials (plaintext)'), 1.05);
} finally {
  agent?.kill('SIGTERM');
  await keytar.deletePassword(service, 'kw').catch(() => {});
  if (agent) await new Promise((resolve) => (agent.exitCode !== null ? resolve() : agent.once('exit', resolve)));
  rmSync(home, { recursive: true, force: true });
}
