import { describe, expect, it } from 'vitest';
import { validateSchedule } from '../../../src/daemon/schedule.js';

describe(validateSchedule.name, () => {
  it.each(['0 * * * *', '30 9 * * *', '*/5 * * * *', '15 * * * *'])('accepts %s', (expression) => {
    expect(() => validateSchedule('rescan_schedule', expression)).not.toThrow();
  });

  it.each(['61 * * * *', 'hourly', '0 25 * * *'])('refuses %s, naming the policy key', (expression) => {
    expect(() => validateSchedule('key_age_schedule', expression)).toThrow(expect.objectContaining({
      code: 'policy-invalid', message: expect.stringContaining('key_age_schedule') }));
  });
});
