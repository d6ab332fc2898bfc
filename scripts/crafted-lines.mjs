// Issue 10, item 9 figures: the CPU time of an in-process scan of a temp HOME with one crafted line,
// against the same HOME without it and against reading the line. Usage, after `npm run build`:
//   node scripts/crafted-lines.mjs [bytes=1048576] [dist=./dist]
// (pass another checkout's dist/ to compare with the code before the fix).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const size = Number(process.argv[2] ?? 1 << 20);
const dist = path.resolve(process.argv[3] ?? 'dist');
const { scan } = await import(path.join(dist, 'scan.js'));
const { loadPolicy } = await import(path.join(dist, 'policy/load.js'));
const fill = (unit, tail = '') => unit.repeat(Math.ceil(size / unit.length)) + tail;
const KEYLIKE = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY1234567890';
const CASES = {
  'a.a.…@ in .bashrc': ['.bashrc', fill('a.', '@')],
  'spaces in a ~/.boto value': ['.boto', `[Boto]\nhttps_validate_certificates = a${fill(' ')}b`],
  '40-character runs, keyword at the end, in .bashrc': ['.bashrc', fill(`${KEYLIKE} `, 'secret_key')],
  'ordinary shell text in .bashrc': ['.bashrc', fill('export PATH="$PATH:/opt/tool/bin"; alias ll=\'ls -l\' # comment ')],
};

const cpuMs = (start) => { const used = process.cpuUsage(start); return (used.user + used.system) / 1000; };

for (const [name, [file, text]] of Object.entries(CASES)) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-crafted-'));
  fs.mkdirSync(path.join(home, '.aws'), { mode: 0o700 });
  const ctx = { env: { HOME: home, KEYWARD_FLEET_POLICY: path.join(home, 'none'), XDG_CONFIG_HOME: path.join(home, '.config') }, home, now: () => new Date() };
  const policy = await loadPolicy(ctx);
  let start = process.cpuUsage();
  await scan(ctx, policy);
  const without = cpuMs(start);
  fs.writeFileSync(path.join(home, file), `${text}\n`);
  start = process.cpuUsage();
  fs.readFileSync(path.join(home, file), 'utf8');
  const reading = cpuMs(start);
  start = process.cpuUsage();
  await scan(ctx, policy);
  const withLine = cpuMs(start);
  console.log(`${name} (${Math.round(text.length / 1024)} KB): scan ${withLine.toFixed(1)} ms CPU (${without.toFixed(1)} ms without the line; reading it ${reading.toFixed(1)} ms)`);
  fs.rmSync(home, { recursive: true, force: true });
}
