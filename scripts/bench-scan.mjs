// `keyward scan` against `git secrets --scan` over the same generated HOME (scan-bench-home.mjs:
// 1,000 profiles, 200 static keys, ~200 KB of shell start-up files), and over that HOME with one
// 1 MB line of shell text added to ~/.bashrc. git-secrets gets its own GIT_CONFIG_GLOBAL: the
// developer's git config is never touched.
//
// It first prints what decides the figures (node and git versions, locale, CPUs, load average),
// then runs the whole comparison 3 times (BENCH_RUNS), each of BENCH_ROUNDS (default 10) rounds
// that alternate the commands so drift hits all alike, and prints each run's medians and ratio,
// then the median of the ratios. Then the 1 MB line's cost, and where a scan's time goes
// (KEYWARD_TIMINGS=1, median per phase).
//
// A second ratio is for the installed `keyward` script (launcher/cli-script.ts) while `keyward
// watch` runs for the same HOME: the script asks the daemon with curl, and the daemon runs the scan
// (agent/scan-route.ts). Its output is checked to be byte-identical to `node bin/keyward scan`'s
// before it is timed.
//
//   node scripts/bench-scan.mjs [OTHER_CHECKOUT …]
// An OTHER_CHECKOUT (a built keyward tree, e.g. main's) adds a row timed in the same rounds.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchHome } from './scan-bench-home.mjs';
import { childCpuMs } from './child-cpu.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_ROUNDS) || 10;
const runsWanted = Number(process.env.BENCH_RUNS) || 3;
const others = process.argv.slice(2).map((dir) => path.resolve(dir));
const LONG_LINE = 1 << 20;
const DAEMON_ROW = 'installed keyward, daemon serving';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const ms = (x) => `${x.toFixed(1).padStart(7)} ms`;

function header() {
  const git = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const gitSecrets = spawnSync('sh', ['-c', 'command -v git-secrets'], { encoding: 'utf8' }).stdout.trim() || 'not found';
  const locale = ['LC_ALL', 'LC_CTYPE', 'LANG'].map((name) => `${name}=${process.env[name] ?? ''}`).join(' ');
  const cpus = os.cpus();
  console.log(`node ${process.version} (${process.execPath}), ${git}, git-secrets ${gitSecrets}`);
  console.log(`locale: ${locale}`);
  console.log(`${cpus.length} CPUs (${cpus[0]?.model ?? '?'}), load average at start ${load()} (1, 5, 15 min), ${new Date().toISOString()}`);
  console.log(`${runsWanted} runs of ${rounds} alternating rounds; wall median per command, ratio keyward / git-secrets`);
}

function setUp() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyward-bench-scan-'));
  const homes = { base: path.join(dir, 'home'), long: path.join(dir, 'home-long') };
  const files = writeBenchHome(homes.base);
  writeBenchHome(homes.long, { longLine: LONG_LINE });
  const gitConfig = path.join(dir, 'gitconfig');
  for (const home of Object.values(homes)) {
    const env = { ...process.env, HOME: home, GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1' };
    for (const args of [['init', '-q'], ['secrets', '--register-aws', '--global']]) {
      const run = spawnSync('git', args, { cwd: home, env, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
    }
  }
  mkdirSync(path.join(dir, 'cache'));
  return { dir, homes, files, gitConfig };
}

function keywardEnv(home, dir, extra = {}) {
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(dir, 'cache'),
    KEYWARD_FLEET_POLICY: path.join(dir, 'none.ini'), XDG_RUNTIME_DIR: path.join(dir, 'run'), XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_STATE_HOME: path.join(dir, 'state') };
  delete env.AWS_CONFIG_FILE;
  delete env.AWS_SHARED_CREDENTIALS_FILE;
  delete env.KEYWARD_TIMINGS;
  return { ...env, ...extra };
}

function time(file, args, options, okCodes) {
  const cpuBefore = childCpuMs();
  const start = process.hrtime.bigint();
  const run = spawnSync(file, args, { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okCodes.includes(run.status)) throw new Error(`${file} ${args.join(' ')} exited ${run.status}: ${run.stderr.split('\n')[0]}`);
  return { elapsed, cpu: childCpuMs() - cpuBefore, run };
}

/**
 * `keyward watch` for the base HOME (its agent in the bench's own runtime dir) and the installed
 * script beside it, as installLauncher writes it (this node, this checkout's CLI as the fallback).
 */
async function startDaemon({ dir, homes }) {
  mkdirSync(path.join(dir, 'run'), { mode: 0o700 });
  const env = keywardEnv(homes.base, dir);
  const { installCliScript } = await import(path.join(root, 'dist/launcher/cli-script.js'));
  const script = installCliScript({ env, home: homes.base, nodePath: process.execPath, cli: path.join(root, 'bin/keyward'), napi: 0 });
  const child = spawn(process.execPath, [path.join(root, 'bin/keyward'), 'watch', '--format', 'json'], { env, cwd: homes.base, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (/"event":"ready"[^\n]*"agent"/.test(out)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`keyward watch exited ${code} before it served: ${out.slice(0, 300)}`)));
  });
  child.stdout.resume();
  return { script, stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }) };
}

function commands({ dir, homes, files, gitConfig }, daemon) {
  const keyward = (checkout, home) => () => time(process.execPath, [path.join(checkout, 'bin/keyward'), 'scan', '--format', 'json'],
    { env: keywardEnv(home, dir), cwd: home }, [1]);
  const gitSecrets = (home) => () => time('git', ['secrets', '--scan', '--no-index', '--', ...files],
    { env: { ...process.env, HOME: home, GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1' }, cwd: home }, [1]);
  const list = { 'keyward scan --format json': keyward(root, homes.base), 'git secrets --scan': gitSecrets(homes.base) };
  for (const other of others) list[`keyward at ${other}`] = keyward(other, homes.base);
  list[DAEMON_ROW] = () => time(daemon.script, ['scan', '--format', 'json'], { env: keywardEnv(homes.base, dir), cwd: homes.base }, [1]);
  list['keyward, 1 MB line'] = keyward(root, homes.long);
  list['git secrets, 1 MB line'] = gitSecrets(homes.long);
  return list;
}

function oneRun(list, number) {
  const startLoad = load();
  const times = Object.fromEntries(Object.keys(list).map((name) => [name, { wall: [], cpu: [] }]));
  for (const run of Object.values(list)) run(); // warm the page cache (and a compile cache, where node has one)
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(list)) {
      const { elapsed, cpu } = run();
      times[name].wall.push(elapsed);
      times[name].cpu.push(cpu);
    }
  }
  const medians = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t.wall)]));
  const cpus = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, t.cpu.reduce((a, b) => a + b, 0) / t.cpu.length]));
  const ratio = medians['keyward scan --format json'] / medians['git secrets --scan'];
  const cpuRatio = cpus['keyward scan --format json'] / cpus['git secrets --scan'];
  const daemonRatio = medians[DAEMON_ROW] / medians['git secrets --scan'];
  console.log(`\nrun ${number}: load average ${startLoad} at start, ${load()} at end`);
  for (const name of Object.keys(list)) console.log(`  ${name.padEnd(34)} ${ms(medians[name])} wall median  ${ms(cpus[name])} CPU mean`);
  for (const other of others) {
    const key = `keyward at ${other}`;
    console.log(`  ratio keyward / keyward at ${other}: ${(medians['keyward scan --format json'] / medians[key]).toFixed(2)} wall, ` +
      `${(cpus['keyward scan --format json'] / cpus[key]).toFixed(2)} CPU`);
  }
  console.log(`  ratio keyward / git-secrets: ${ratio.toFixed(2)} wall, ${cpuRatio.toFixed(2)} CPU`);
  // The daemon's own CPU is not the client's: only wall time compares fairly here.
  console.log(`  ratio installed keyward with the daemon serving / git-secrets: ${daemonRatio.toFixed(2)} wall`);
  return { medians, cpus, ratio, cpuRatio, daemonRatio };
}

/** CPU time of reading the 1 MB line's file and splitting it into lines, in a fresh node (median of 5). */
function readingCost(file) {
  const code = `const t = process.cpuUsage(); require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8').split('\\n');
    const u = process.cpuUsage(t); console.log((u.user + u.system) / 1000);`;
  return median(Array.from({ length: 5 }, () => Number(spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' }).stdout)));
}

/** KEYWARD_TIMINGS=1 over 5 scans: the median wall and CPU time of each phase. */
function phases({ dir, homes }) {
  const rows = new Map();
  for (let i = 0; i < 5; i++) {
    const { run } = time(process.execPath, [path.join(root, 'bin/keyward'), 'scan', '--format', 'json'],
      { env: keywardEnv(homes.base, dir, { KEYWARD_TIMINGS: '1' }), cwd: homes.base }, [1]);
    for (const line of run.stderr.split('\n').slice(1)) {
      const match = /^\s*([\d.]+)\s+([\d.-]+)\s+(.+)$/.exec(line);
      if (!match) continue;
      const row = rows.get(match[3]) ?? { wall: [], cpu: [] };
      row.wall.push(Number(match[1]));
      row.cpu.push(Number(match[2]));
      rows.set(match[3], row);
    }
  }
  console.log(`\nwhere keyward scan's time goes (KEYWARD_TIMINGS=1, median of 5; load average ${load()}):\n     wall      CPU`);
  for (const [phase, { wall, cpu }] of rows) {
    const cpuMedian = cpu.some(Number.isNaN) ? '      -' : median(cpu).toFixed(1).padStart(7);
    console.log(`  ${median(wall).toFixed(1).padStart(7)}  ${cpuMedian}  ${phase}`);
  }
}

header();
const setup = setUp();
const daemon = await startDaemon(setup);
try {
  const direct = time(process.execPath, [path.join(root, 'bin/keyward'), 'scan', '--format', 'json'], { env: keywardEnv(setup.homes.base, setup.dir), cwd: setup.homes.base }, [1]);
  const served = time(daemon.script, ['scan', '--format', 'json'], { env: keywardEnv(setup.homes.base, setup.dir), cwd: setup.homes.base }, [1]);
  if (served.run.stdout !== direct.run.stdout) throw new Error('the daemon-served scan differs from node bin/keyward scan');
  console.log(`installed keyward with the daemon serving: output identical to node bin/keyward scan (${direct.run.stdout.length} bytes)`);
  const list = commands(setup, daemon);
  const results = Array.from({ length: runsWanted }, (_, i) => oneRun(list, i + 1));
  const ratios = results.map((r) => r.ratio);
  const cpuRatios = results.map((r) => r.cpuRatio);
  const all = (name, what = 'medians') => median(results.map((r) => r[what][name]));
  const added = all('keyward, 1 MB line') - all('keyward scan --format json');
  const gitAdded = all('git secrets, 1 MB line') - all('git secrets --scan');
  const addedCpu = all('keyward, 1 MB line', 'cpus') - all('keyward scan --format json', 'cpus');
  const reading = readingCost(path.join(setup.homes.long, '.bashrc'));
  const daemonRatios = results.map((r) => r.daemonRatio);
  console.log(`\nratios installed keyward with the daemon serving / git-secrets: ${daemonRatios.map((r) => r.toFixed(2)).join(', ')}; median ${median(daemonRatios).toFixed(2)} (target <= 1.00)`);
  console.log(`ratios keyward / git-secrets: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)} (target <= 1.00); ` +
    `CPU: ${cpuRatios.map((r) => r.toFixed(2)).join(', ')}, median ${median(cpuRatios).toFixed(2)}; node ${process.version}, load average now ${load()}`);
  console.log(`1 MB line in ~/.bashrc adds ${added.toFixed(1)} ms wall, ${addedCpu.toFixed(0)} ms CPU (10 ms ticks) to keyward ` +
    `(git-secrets: ${gitAdded.toFixed(1)} ms wall); reading and splitting the file in node: ${reading.toFixed(1)} ms CPU ` +
    `(target: adds no more than that; KEYWARD_TIMINGS splits it by phase)`);
  if (typeof module.enableCompileCache === 'function') console.log(`node ${process.version} has module.enableCompileCache(): bin/keyward turns it on (cache under XDG_CACHE_HOME=${path.join(setup.dir, 'cache')})`);
  phases(setup);
} finally {
  await daemon.stop();
  rmSync(setup.dir, { recursive: true, force: true });
}
