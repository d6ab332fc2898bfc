// Runs the built migrate in a child process for fault tests. With KILL_AT_STEP=N it SIGKILLs
// itself at the N-th step reported by migrate's onStep hook (a real kill, not a simulated one).
import { migrate } from '../../dist/migrate/run.js';
import { openSecretStore } from '../../dist/secrets/open.js';

const killAt = Number(process.env.KILL_AT_STEP ?? -1);
let seen = 0;
const ctx = {
  env: process.env, home: process.env.HOME, now: () => new Date(),
  out: { write: (t) => process.stdout.write(t), isTTY: false }, err: { write: (t) => process.stderr.write(t), isTTY: false },
  interactive: false, prompt: async () => '',
};
const store = openSecretStore('command', process.env);
const result = await migrate(ctx, store, {
  onStep(step) {
    if (process.env.STEP_LOG) process.stdout.write(`${step}\n`);
    if (seen++ === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write(`${JSON.stringify({ migrated: result.migrated.length, failed: result.failed.length })}\n`);
