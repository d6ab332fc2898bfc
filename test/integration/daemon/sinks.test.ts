// The alert sinks on real files and processes: the winston log (JSON lines, rotation by size),
// the syslog transport (a stand-in logger(1) that records its arguments), and which desktop
// commands each OS gets.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogSink } from '../../../src/daemon/sinks/log.js';
import { SyslogTransport } from '../../../src/daemon/sinks/syslog.js';
import { notifyCommands } from '../../../src/daemon/sinks/desktop.js';
import type { DaemonEvent } from '../../../src/daemon/events.js';
import { makeTempDir } from '../../support/temp-home.js';

const dir = makeTempDir('sinks');
const event = (i: number): DaemonEvent => ({ event: 'error', time: new Date(0).toISOString(), message: `problem ${i} ${'x'.repeat(200)}` });

describe(createLogSink.name, () => {
  it('writes each event as one JSON line and rotates by size', async () => {
    const file = path.join(dir, 'logs', 'keyward.log');
    const sink = createLogSink({ file, console: false, syslog: false, maxsize: 4096, maxFiles: 3 });
    for (let i = 0; i < 100; i++) sink.write(event(i));
    await sink.close();
    const files = fs.readdirSync(path.dirname(file)).sort();
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
    // Newest last, oldest rotated away: what is kept is one unbroken run ending with the last event.
    const kept = [...files].reverse().flatMap((name) => fs.readFileSync(path.join(path.dirname(file), name), 'utf8').split('\n'))
      .filter((line) => line !== '').map((line) => Number((JSON.parse(line) as { message: string }).message.split(' ')[1]));
    expect(kept.at(-1)).toBe(99);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(kept.map((_, i) => 99 - kept.length + 1 + i));
  });
});

describe(SyslogTransport.name, () => {
  it('hands the event to logger(1) with the keyward tag and a priority', async () => {
    const record = path.join(dir, 'logger-args');
    const fake = path.join(dir, 'fake-logger');
    fs.writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`, { mode: 0o755 });
    const transport = new SyslogTransport(fake);
    await new Promise<void>((resolve) => transport.log({ level: 'warn', event: event(1) }, resolve));
    const args = fs.readFileSync(record, 'utf8').trim().split('\n');
    expect(args.slice(0, 5)).toEqual(['-t', 'keyward', '-p', 'user.warning', '--']);
    expect(JSON.parse(args[5] as string)).toMatchObject({ event: 'error' });
  });
});

describe(notifyCommands.name, () => {
  it('uses nothing on Linux without a session bus', () => {
    expect(notifyCommands('t', 'b', { PATH: '/usr/bin' }, 'linux')).toEqual([]);
  });

  it('tries gdbus on Linux when there is a session bus and gdbus on PATH', () => {
    const commands = notifyCommands("it's", 'b', { PATH: '/usr/bin:/bin', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }, 'linux');
    const gdbus = commands.find(([program]) => program === 'gdbus');
    expect(gdbus?.[1]).toEqual(expect.arrayContaining(['org.freedesktop.Notifications.Notify', "'it\\'s'"]));
  });

  it('quotes for AppleScript and PowerShell', () => {
    expect(notifyCommands('t "1"', 'b', {}, 'darwin')[0]?.[1][1]).toBe('display notification "b" with title "t \\"1\\""');
    expect(notifyCommands("t'1", 'b', {}, 'win32')[0]?.[1].at(-1)).toContain("'t''1'");
  });
});
