// `npm run bench`: runs every scripts/bench-*.mjs in turn (inside scripts/test-env.sh, so with a
// private keyring and HOME). Each bench prints its own table; a failing bench fails the run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const benches = readdirSync(dir).filter((f) => /^bench-.+\.mjs$/.test(f) && (!only || f.includes(only))).sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n## ${file}`);
  const { status } = spawnSync(process.execPath, [path.join(dir, file)], { stdio: 'inherit' });
  if (status !== 0) {
    console.log(`${file} failed (exit ${status})`);
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;
