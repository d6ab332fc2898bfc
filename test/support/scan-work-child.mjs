// Measures, in its own process, the CPU time each step of a scan spends on one HOME of crafted
// files (test/integration/scan/linear-time.test.ts), against a baseline measured in the same run
// that only reads those files and splits them into lines. Prints one JSON object:
// {"baseline": ms, "ops": {"name": ms, …}}. Runs the built code (dist/), under `ulimit -t`, so a
// quadratic pattern ends in SIGXCPU instead of running for hours.
import { readFile } from 'node:fs/promises';
import { loadSources } from '../../dist/sources/load.js';
import { rules } from '../../dist/rules/index.js';
import { scan } from '../../dist/scan.js';
import { loadPolicy } from '../../dist/policy/load.js';
import { formatText } from '../../dist/report/text.js';
import { formatJson } from '../../dist/report/json.js';
import { redactText } from '../../dist/redact.js';
import { shellQuote, shlexSplit } from '../../dist/awsconfig/shlex.js';
import { expandPath } from '../../dist/awsconfig/paths.js';

const [home, ...files] = process.argv.slice(2);
const env = { HOME: home, PATH: '/usr/bin:/bin', KEYWARD_FLEET_POLICY: `${home}/no-fleet-policy.ini`, XDG_CONFIG_HOME: `${home}/.config` };
const ctx = { env, home, now: () => new Date('2026-06-01T00:00:00Z') };

/** CPU time (user + system, ms) of one run of `work`. */
async function once(work) {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * The smallest CPU time of up to `rounds` runs (the least disturbed by GC and neighbours); a run
 * that is already under `enough` ms is not repeated, which keeps the test's own cost down.
 */
async function cpu(work, rounds = 3, enough = Number(process.env.ENOUGH_MS ?? 0)) {
  let best = Infinity;
  for (let i = 0; i < rounds && best > enough; i++) best = Math.min(best, await once(work));
  return best;
}

const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
const lines = texts.flatMap((t) => t.split(/\r\n|\r|\n/));
const baseline = await cpu(async () => {
  for (const file of files) (await readFile(file)).toString('utf8').split(/\r\n|\r|\n/);
}, 5, 0);
// Each step below is repeated only when its first run looks suspicious (over a quarter of the bound).
process.env.ENOUGH_MS = String(Number(process.env.MAX_RATIO ?? 0) * baseline / 4);

const input = { env, home, uid: process.getuid(), now: ctx.now(), extraPaths: [], maxKeyAgeDays: 90, keyAges: [] };
const { sources } = await loadSources(input);
const ops = { load: await cpu(() => loadSources(input)) };
for (const rule of rules) ops[rule.id] = await cpu(() => rule.check(sources));
const policy = await loadPolicy(ctx);
let result;
ops.scan = await cpu(async () => { result = await scan(ctx, policy); });
ops.report = await cpu(() => { formatText(result, { color: true }); formatJson(result); });
// What migrate, the reports and the launcher do with one line of a file.
const eachLine = (fn) => () => { for (const line of lines) fn(line); };
ops.redactText = await cpu(eachLine((line) => redactText(line, [])));
ops.shellQuote = await cpu(eachLine(shellQuote));
ops.expandPath = await cpu(eachLine((line) => expandPath(line, env, home)));
ops.shlexSplit = await cpu(eachLine((line) => { try { shlexSplit(line); } catch { /* unbalanced quotes are fine here */ } }));
process.stdout.write(`${JSON.stringify({ baseline, ops })}\n`);
