// A tiny winston transport that hands each event to logger(1), which writes to the local syslog
// socket (journald or rsyslog on Linux, the unified log on macOS). Fleets turn it on with policy
// `syslog = true`. Events are rare (deduped), so one short process per event is cheap, and no
// syslog client dependency is needed. A missing logger(1) is silently ignored: the file log has it.
import { spawn } from 'node:child_process';
import Transport from 'winston-transport';
import { jsonToShow } from '../../display.js';

const PRIORITY: Record<string, string> = { error: 'user.err', warn: 'user.warning', info: 'user.info' };

export class SyslogTransport extends Transport {
  constructor(private readonly program = 'logger') {
    super();
  }

  override log(info: { level: string; event?: unknown }, next: () => void): void {
    const priority = PRIORITY[info.level] ?? 'user.notice';
    const child = spawn(this.program, ['-t', 'keyward', '-p', priority, '--', jsonToShow(info.event)], { stdio: 'ignore' });
    child.on('error', () => undefined);
    child.on('close', () => next());
  }
}
