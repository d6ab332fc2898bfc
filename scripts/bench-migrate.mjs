// `keyward migrate --yes` on homes of 10, 100 and 1,000 profiles. Baselines measured in the same
// run: `node -e 0`, and the keychain's own cost for the same number of keys (keytar setPassword +
// getPassword per key in one process, which is the floor for any store-and-read-back migration:
// gnome-keyring's cost per item grows with the collection's size). Items are deleted after every
// measurement so the keyring is the same size for each. Needs `npm run build` and the private keyring of
// scripts/test-env.sh (npm run bench does both). BENCH_ROUNDS overrides 3.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.env.KEYWARD_TEST_SESSION !== '1') throw new Error('run via `npm run bench` (private keyring)');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_ROUNDS) || 3;
const keytar = createRequire(path.join(root, 'package.json'))('keytar');
const sizes = [10, 100, 1000];
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// Fake, well-formed keys (AKIA + 16 of [A-Z2-7], 40-character secrets); never real ones.
function credentials(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const id = `AKIA${Array.from({ length: 16 }, (_, j) => alphabet[(i * 13 + j * 7 + (i >> 5)) % 32]).join('')}`;
    lines.push(`[p${i}]`, `aws_access_key_id = ${id}`, `aws_secret_access_key = ${`bench${i}/`.padEnd(40, 'x')}`, 'region = eu-west-1', '');
  }
  return lines.join('\n');
}

function timeMigrate(n, round) {
  const home = mkdtempSync(path.join(os.tmpdir(), `keyward-bench-migrate-${n}-`));
  const service = `keyward-bench-migrate-${process.pid}-${n}-${round}`;
  mkdirSync(path.join(home, '.aws'), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(home, '.aws/credentials'), credentials(n), { mode: 0o600 });
  const env = { ...process.env, HOME: home, KEYWARD_SERVICE: service, XDG_DATA_HOME: path.join(home, 'data'), XDG_STATE_HOME: path.join(home, 'state') };
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [path.join(root, 'bin/keyward'), 'migrate', '--yes', '--format', 'json'], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const migrated = run.status === 0 ? JSON.parse(run.stdout).migrated.length : -1;
  if (migrated !== n) throw new Error(`migrate of ${n} profiles: exit ${run.status}, migrated ${migrated}: ${run.stderr}`);
  if (readFileSync(path.join(home, '.aws/credentials'), 'utf8').includes('aws_secret_access_key')) throw new Error('keys left behind');
  rmSync(home, { recursive: true, force: true });
  return { ms, service };
}

async function timeKeytar(n, round) {
  const service = `keyward-bench-keytar-${process.pid}-${n}-${round}`;
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    await keytar.setPassword(service, `p${i}`, JSON.stringify({ v: 1, AccessKeyId: 'AKIABENCHBENCH234567', SecretAccessKey: 'x'.repeat(40), createdAt: new Date().toISOString() }));
    await keytar.getPassword(service, `p${i}`);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await purge(service, n);
  return ms;
}

async function purge(service, n) {
  for (let i = 0; i < n; i++) await keytar.deletePassword(service, `p${i}`);
}

function timeBaseline() {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const times = Object.fromEntries(sizes.map((n) => [n, []]));
const keychain = Object.fromEntries(sizes.map((n) => [n, []]));
const baseline = [];
for (let round = 0; round < rounds; round++) {
  for (const n of sizes) {
    baseline.push(timeBaseline());
    const { ms, service } = timeMigrate(n, round);
    times[n].push(ms);
    await purge(service, n);
    keychain[n].push(await timeKeytar(n, round));
  }
}

const base = median(baseline);
console.log(`rounds: ${rounds}; node -e 0: ${base.toFixed(1)} ms (median)`);
console.log('profiles | migrate ms | ms/profile | keytar set+get ms | migrate / keytar | migrate / node -e 0');
for (const n of sizes) {
  const m = median(times[n]);
  const k = median(keychain[n]);
  console.log(`${String(n).padStart(8)} | ${m.toFixed(0).padStart(10)} | ${(m / n).toFixed(2).padStart(10)} | ${k.toFixed(0).padStart(17)} | ${(m / k).toFixed(2).padStart(16)} | ${(m / base).toFixed(1).padStart(19)}`);
}
