// The node-cron adapter. Expressions come from the policy, so a bad one is reported against the
// policy key that holds it, before anything starts.
import cron from 'node-cron';
import { KeywardError } from '../errors.js';

export interface Schedule {
  stop(): Promise<void>;
}

/** Throws `policy-invalid` naming `policyKey` when `expression` is not a cron expression. */
export function validateSchedule(policyKey: string, expression: string): void {
  const result = cron.validateDetailed(expression);
  if (result.valid) return;
  const detail = result.errors.map((error) => `${error.field}: ${error.message}`).join('; ');
  throw new KeywardError('policy-invalid',
    `policy key ${policyKey}: '${expression}' is not a cron expression${detail ? ` (${detail})` : ''}`,
    `Fix ${policyKey} in the keyward policy, e.g. '0 * * * *' for hourly.`);
}

/**
 * Runs `task` on the schedule. Overlapping runs are skipped (a slow rescan must not pile up), and
 * an error in the task goes to `onError` instead of node-cron's console logger.
 */
export function createSchedule(
  policyKey: string, expression: string, task: () => Promise<void>, onError: (error: unknown) => void,
): Schedule {
  validateSchedule(policyKey, expression);
  const scheduled = cron.schedule(expression, async () => {
    try {
      await task();
    } catch (error) {
      onError(error);
    }
  }, { name: policyKey, noOverlap: true, suppressMissedWarning: true });
  return { stop: async () => { await scheduled.destroy(); } };
}
