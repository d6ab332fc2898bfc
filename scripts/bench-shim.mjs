// Start-up cost of the credential_process shim against `node -e 0`, secret-tool, and the AWS CLI
// v2 with a plaintext key vs the same key through the shim. Issue 13: the shim handing out a cached
// STS session (the path every AWS CLI call pays), and, separately, a cache miss (GetSessionToken
// to a local STS in a child process, the code from mfa_process). BENCH_BASELINE_SHIM=path/to/an
// older credential-process.cjs adds a row for it (the same key profile), to compare builds. Runs alternate round by round in one
// process so drift (CPU frequency, cache) hits every command alike. Needs `npm run build` and the
// private keyring of scripts/test-env.sh (npm run bench does both). BENCH_ROUNDS overrides 30.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
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

const home = mkdtempSync(path.join(os.tmpdir(), 'keyward-bench-'));
const service = `keyward-bench-${process.pid}`;
const env = { ...process.env, HOME: home, KEYWARD_SERVICE: service, XDG_DATA_HOME: path.join(home, 'data'),
  XDG_STATE_HOME: path.join(home, 'state'), AWS_CONFIG_FILE: path.join(home, '.aws/config'),
  AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws/credentials'), AWS_EC2_METADATA_DISABLED: 'true' };
// Fake, well-formed key (AKIA + 16 of [A-Z2-7]); never a real one.
const key = { AccessKeyId: 'AKIABENCHBENCH234567', SecretAccessKey: 'bench/secret/0123456789abcdefghijklmnopqr' };

const MFA = 'arn:aws:iam::123456789012:mfa/bench';

// A local STS in a child process (this one blocks in spawnSync while the shim runs): a new session
// per GetSessionToken, no signature check (the tests' emulator does that).
const STS_SERVER = `
const http = require('node:http');
let n = 0;
http.createServer((req, res) => { req.resume(); req.on('end', () => {
  n++;
  const exp = new Date(Date.now() + 3600e3).toISOString();
  res.writeHead(200, { 'content-type': 'text/xml' }).end('<GetSessionTokenResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetSessionTokenResult><Credentials>'
    + '<AccessKeyId>ASIABENCHBENCH' + String(234567 + n).slice(-6).replace(/[0189]/g, 'Q') + '</AccessKeyId><SecretAccessKey>bench/session/secret/0123456789abcdefghij</SecretAccessKey>'
    + '<SessionToken>bench-token-' + n + '</SessionToken><Expiration>' + exp + '</Expiration></Credentials></GetSessionTokenResult></GetSessionTokenResponse>');
}); }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;

async function startSts() {
  const child = spawn(process.execPath, ['-e', STS_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

function setUp() {
  const entry = path.join(root, 'dist/shim/credential-process.cjs');
  const launcher = installLauncher({ env, home, entry });
  mkdirSync(path.join(home, '.aws'), { recursive: true, mode: 0o700 });
  writeFileSync(env.AWS_CONFIG_FILE, `[profile shim]\ncredential_process = ${credentialProcessLine(launcher, 'shim')}\n`
    + `[profile session]\nmfa_serial = ${MFA}\nmfa_process = echo 123456\ncredential_process = ${credentialProcessLine(launcher, 'session')}\n`
    + `[profile miss]\nmfa_serial = ${MFA}\nmfa_process = echo 123456\ncredential_process = ${credentialProcessLine(launcher, 'miss')}\n`);
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE,
    `[plain]\naws_access_key_id = ${key.AccessKeyId}\naws_secret_access_key = ${key.SecretAccessKey}\n`);
  return { launcher, entry };
}

function commands({ launcher, entry }) {
  const list = [
    ['node -e 0', process.execPath, ['-e', '0']],
    ['shim via launcher', launcher, ['--profile', 'shim']],
    ['node dist/shim/credential-process.cjs', process.execPath, [entry, '--profile', 'shim']],
    ['node dist/shim/credential-process.js (ESM)', process.execPath, [entry.replace(/\.cjs$/, '.js'), '--profile', 'shim']],
    ['shim via launcher, cached session (mfa_serial)', launcher, ['--profile', 'session']],
    ['secret-tool lookup', 'secret-tool', ['lookup', 'service', service, 'account', 'shim']],
  ];
  if (process.env.BENCH_BASELINE_SHIM) list.splice(3, 0, ['baseline: BENCH_BASELINE_SHIM', process.execPath, [process.env.BENCH_BASELINE_SHIM, '--profile', 'shim']]);
  // Node 22.1+: would Node's compile cache speed the shim up? (Not used: it does not measurably.)
  if (typeof module.enableCompileCache === 'function') {
    list.splice(3, 0, ['node ...process.cjs + compile cache', process.execPath, [entry, '--profile', 'shim'],
      { NODE_COMPILE_CACHE: path.join(home, 'compile-cache') }]);
  }
  if (existsSync('/usr/bin/aws')) {
    list.push(['aws v2 export-credentials (plaintext)', '/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'plain']]);
    list.push(['aws v2 export-credentials (shim)', '/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'shim']]);
  }
  return list;
}

function time(file, args, extraEnv = {}) {
  const cpu = childCpuMs();
  const start = process.hrtime.bigint();
  const run = spawnSync(file, args, { env: { ...env, ...extraEnv }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${run.status}: ${run.stderr.split('\n')[0]}`);
  return { ms, cpu: childCpuMs() - cpu };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const item = (profile) => JSON.stringify({ v: 1, ...key, createdAt: new Date().toISOString(), source: { file: env.AWS_SHARED_CREDENTIALS_FILE, section: profile } });

/** Cache misses: each run first deletes the cached session, so it calls STS (and mfa_process). */
async function missRow(launcher) {
  const runs = [];
  for (let r = 0; r < Math.min(rounds, 10); r++) {
    await keytar.deletePassword(`${service}:session`, 'miss');
    runs.push(time(launcher, ['--profile', 'miss']));
  }
  return runs;
}

let sts;
try {
  sts = await startSts();
  env.AWS_ENDPOINT_URL_STS = sts.url;
  env.AWS_REGION = 'us-east-1';
  for (const profile of ['shim', 'session', 'miss']) await keytar.setPassword(service, profile, item(profile));
  // The cached session, valid for hours: what every AWS CLI call pays once a session exists.
  await keytar.setPassword(`${service}:session`, 'session', JSON.stringify({ v: 1, AccessKeyId: 'ASIABENCHBENCH234567', SecretAccessKey: 'bench/session/secret/0123456789abcdefghij',
    SessionToken: 'bench-token', Expiration: new Date(Date.now() + 6 * 3600e3).toISOString(), createdAt: new Date().toISOString(),
    source: { file: env.AWS_SHARED_CREDENTIALS_FILE, section: 'session' }, mfaSerial: MFA }));
  const paths = setUp();
  const list = commands(paths);
  for (const [, file, args, extra] of list) time(file, args, extra); // warm the page cache (and the compile cache) once
  const samples = list.map(() => []);
  for (let r = 0; r < rounds; r++) list.forEach(([, file, args, extra], i) => samples[i].push(time(file, args, extra)));
  const wall = samples.map((xs) => median(xs.map((x) => x.ms)));
  const cpu = samples.map((xs) => xs.reduce((sum, x) => sum + x.cpu, 0) / xs.length);
  console.log(`${rounds} alternating rounds, node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`${'command'.padEnd(44)} ${'wall median'.padStart(12)} ${'x node -e 0'.padStart(12)} ${'CPU mean'.padStart(10)} ${'x node -e 0'.padStart(12)}`);
  list.forEach(([name], i) => {
    console.log(`${name.padEnd(44)} ${`${wall[i].toFixed(1)} ms`.padStart(12)} ${(wall[i] / wall[0]).toFixed(2).padStart(12)}` +
      ` ${`${cpu[i].toFixed(0)} ms`.padStart(10)} ${(cpu[i] / cpu[0]).toFixed(2).padStart(12)}`);
  });
  const miss = await missRow(paths.launcher);
  const missWall = median(miss.map((x) => x.ms));
  const missCpu = miss.reduce((sum, x) => sum + x.cpu, 0) / miss.length;
  console.log(`${'shim via launcher, session cache miss (STS)'.padEnd(44)} ${`${missWall.toFixed(1)} ms`.padStart(12)} ${(missWall / wall[0]).toFixed(2).padStart(12)}` +
    ` ${`${missCpu.toFixed(0)} ms`.padStart(10)} ${(missCpu / cpu[0]).toFixed(2).padStart(12)}   (${miss.length} runs, after the rounds)`);
} finally {
  sts?.stop();
  for (const profile of ['shim', 'session', 'miss']) await keytar.deletePassword(service, profile).catch(() => {});
  for (const profile of ['session', 'miss']) await keytar.deletePassword(`${service}:session`, profile).catch(() => {});
  rmSync(home, { recursive: true, force: true });
}
