import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/parse.js';

describe(parsePolicy.name, () => {
  it('reads the daemon keys', () => {
    const layer = parsePolicy('/p.ini', 'auto_migrate = yes\nrescan_schedule = */5 * * * *\nsyslog = on\n');
    expect(layer.settings).toEqual({ autoMigrate: true, rescanSchedule: '*/5 * * * *', syslog: true });
  });
});
