// `keyward scan` against `git secrets --scan` over the same generated HOME: 1,000 profiles in
// ~/.aws/config, 200 static keys in ~/.aws/credentials and ~200 KB of shell start-up files.
// Runs alternate round by round so drift hits both alike. git-secrets gets its own temp HOME and
// GIT_CONFIG_GLOBAL: the developer's git config is never touched. BENCH_ROUNDS overrides 10.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_ROUNDS) || 10;
const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
// Fake, well-formed keys: never real ones.
const keyId = () => `AKIA${pick(base32, 16)}`;
const secret = () => pick(b64, 40);

function configText() {
  const lines = ['[default]', 'region = us-east-1', ''];
  for (let i = 0; i < 1000; i++) {
    lines.push(`[profile p${i}]`, `region = eu-west-${1 + (i % 3)}`);
    if (i % 4 === 0) lines.push('role_arn = arn:aws:iam::123456789012:role/r' + i, 'source_profile = default');
    else if (i % 4 === 1) lines.push('sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Dev');
    else if (i % 4 === 2) lines.push('s3 =', '  max_concurrent_requests = 20', '  endpoint_url = https://s3.corp.example');
    else lines.push('output = json', `# owner: team-${i}`);
    lines.push('');
  }
  lines.push('[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', '');
  return lines.join('\n');
}

function credentialsText() {
  const lines = [];
  for (let i = 0; i < 200; i++) lines.push(`[k${i}]`, `aws_access_key_id = ${keyId()}`, `aws_secret_access_key = ${secret()}`, '');
  return lines.join('\n');
}

function rcText(bytes) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = [
      `alias g${i}='git log --oneline --graph --decorate -n ${i % 50}'`,
      `export TOOL_${i}_HOME="$HOME/.local/share/tool-${i}"`,
      `# note ${i}: remember to rotate things and keep the shell fast`,
      `function f${i}() { cd "$HOME/src/project-${i}" && ls -la; }`,
      `[ -f "$HOME/.config/tool-${i}.sh" ] && source "$HOME/.config/tool-${i}.sh"`,
    ][i % 5];
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

function setUp() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyward-bench-scan-'));
  const home = path.join(dir, 'home');
  mkdirSync(path.join(home, '.aws'), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(home, '.aws/config'), configText(), { mode: 0o600 });
  writeFileSync(path.join(home, '.aws/credentials'), credentialsText(), { mode: 0o600 });
  writeFileSync(path.join(home, '.bashrc'), rcText(100_000) + `export AWS_SECRET_ACCESS_KEY=${secret()}\n`);
  writeFileSync(path.join(home, '.zshrc'), rcText(60_000));
  writeFileSync(path.join(home, '.profile'), rcText(40_000));
  const gitEnv = { ...process.env, HOME: home, GIT_CONFIG_GLOBAL: path.join(dir, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1' };
  for (const args of [['init', '-q'], ['secrets', '--register-aws', '--global']]) {
    const run = spawnSync('git', args, { cwd: home, env: gitEnv, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  }
  return { dir, home, gitEnv };
}

// CPU time of waited-for children (Linux /proc/self/stat cutime+cstime, 10 ms ticks): steadier
// than wall time when other jobs share the machine.
function childCpuMs() {
  if (process.platform !== 'linux') return NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

const cpu = {};
function time(file, args, options, okCodes) {
  const cpuBefore = childCpuMs();
  const start = process.hrtime.bigint();
  const run = spawnSync(file, args, { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okCodes.includes(run.status)) throw new Error(`${file} ${args.join(' ')} exited ${run.status}: ${run.stderr.split('\n')[0]}`);
  const key = `${file} ${args.join(' ')} ${options.env.NODE_COMPILE_CACHE ?? ''}`;
  (cpu[key] ??= []).push(childCpuMs() - cpuBefore);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const { dir, home, gitEnv } = setUp();
const files = ['.aws/config', '.aws/credentials', '.bashrc', '.zshrc', '.profile'];
const keywardEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), KEYWARD_FLEET_POLICY: path.join(dir, 'none.ini') };
delete keywardEnv.AWS_CONFIG_FILE;
delete keywardEnv.AWS_SHARED_CREDENTIALS_FILE;
const runs = {
  'keyward scan --format json': () => time(process.execPath, [path.join(root, 'bin/keyward'), 'scan', '--format', 'json'], { env: keywardEnv, cwd: home }, [1]),
  'git secrets --scan': () => time('git', ['secrets', '--scan', '--no-index', '--', ...files], { env: gitEnv, cwd: home }, [1]),
};
// Node 22.1+: would Node's compile cache (NODE_COMPILE_CACHE, as module.enableCompileCache()) speed
// the scan up? Measured: no (README), so bin/keyward does not turn it on.
if (typeof module.enableCompileCache === 'function') {
  const env = { ...keywardEnv, NODE_COMPILE_CACHE: path.join(dir, 'compile-cache') };
  runs['keyward scan + compile cache'] = () => time(process.execPath, [path.join(root, 'bin/keyward'), 'scan', '--format', 'json'], { env, cwd: home }, [1]);
}
const times = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
try {
  for (const run of Object.values(runs)) run(); // warm the page cache
  for (let round = 0; round < rounds; round++) for (const [name, run] of Object.entries(runs)) times[name].push(run());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const medians = Object.fromEntries(Object.entries(times).map(([name, xs]) => [name, median(xs)]));
const cpuMeans = Object.values(cpu).map((xs) => xs.slice(1).reduce((a, b) => a + b, 0) / (xs.length - 1)); // [0] is the warm-up
console.log(`${rounds} alternating rounds, node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
Object.entries(medians).forEach(([name, ms], i) => console.log(`${name.padEnd(32)} median ${ms.toFixed(1).padStart(7)} ms   CPU mean ${cpuMeans[i]?.toFixed(0).padStart(4)} ms`));
const ratio = medians['keyward scan --format json'] / medians['git secrets --scan'];
console.log(`ratio keyward / git-secrets: ${ratio.toFixed(2)} (target <= 1.00), node ${process.version}`);
if (medians['keyward scan + compile cache']) {
  console.log(`ratio keyward scan with / without compile cache: ${(medians['keyward scan + compile cache'] / medians['keyward scan --format json']).toFixed(2)} wall, ` +
    `${((cpuMeans[2] ?? NaN) / (cpuMeans[0] ?? NaN)).toFixed(2)} CPU`);
}
