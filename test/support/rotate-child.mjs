// Runs the built rotate in a child process for fault tests. With KILL_AT_STEP=N it SIGKILLs itself
// at the N-th step reported by rotate's onStep hook (a real kill, not a simulated one); with
// STEP_LOG=1 it prints each step. Prints the result as JSON when it lives to the end.
import { rotate } from '../../dist/lifecycle/rotate.js';

const killAt = Number(process.env.KILL_AT_STEP ?? -1);
let seen = 0;
const ctx = { env: process.env, home: process.env.HOME, now: () => new Date() };
const result = await rotate(ctx, {
  profile: process.env.ROTATE_PROFILE, deleteOld: process.env.DELETE_OLD === '1', graceDays: 7,
  retry: { attempts: 8, delayMs: 1 },
  onStep(step) {
    if (process.env.STEP_LOG) process.stdout.write(`${step}\n`);
    if (seen++ === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write(`${JSON.stringify(result)}\n`);
