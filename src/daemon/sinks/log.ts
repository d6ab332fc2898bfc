// The log sink: every event as one JSON line in keyward's log file (rotated by size), optionally
// a human line on stderr (foreground text mode) and syslog (fleets). Events carry redacted evidence
// only, so nothing here ever sees a secret.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import winston from 'winston';
import type { DaemonEvent } from '../events.js';
import { eventLevel, toText } from '../events.js';
import { SyslogTransport } from './syslog.js';

export interface LogSinkOptions {
  file: string;
  /** Human lines on stderr; off in `--format json`, whose stdout must stay pure JSON. */
  console: boolean;
  syslog: boolean;
  /** Bytes per log file before rotation, and how many files to keep. */
  maxsize?: number;
  maxFiles?: number;
}

export interface LogSink {
  write(event: DaemonEvent): void;
  /** Resolves when every transport has flushed. */
  close(): Promise<void>;
}

export function createLogSink(options: LogSinkOptions): LogSink {
  mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
  const file = new winston.transports.File({
    filename: options.file, maxsize: options.maxsize ?? 5 * 1024 * 1024, maxFiles: options.maxFiles ?? 5,
    tailable: true, format: winston.format.printf((info) => JSON.stringify(info.event)),
  });
  const transports: winston.transport[] = [file];
  if (options.console) transports.push(consoleTransport());
  if (options.syslog) transports.push(new SyslogTransport());
  const logger = winston.createLogger({ level: 'info', transports, exitOnError: false });
  const queue = createQueue((event: DaemonEvent) => {
    const logged = once(file, 'logged', 1000);
    logger.log({ level: eventLevel(event), message: event.event, event });
    return logged;
  });
  let closed = false;
  return {
    // A rescan still finishing during stop() may emit after close; winston throws on write-after-end.
    write: (event) => { if (!closed) queue.push(event); },
    close: async () => {
      closed = true;
      await queue.drained();
      await closeLogger(logger);
    },
  };
}

// winston's File transport loses lines when many are logged in one tick across a size rotation
// (both files end up empty; winston 3.19): so lines go in one at a time, each after the last
// was written.
function createQueue<T>(write: (item: T) => Promise<void>): { push(item: T): void; drained(): Promise<void> } {
  const items: T[] = [];
  let pumping: Promise<void> | undefined;
  const pump = async (): Promise<void> => {
    for (let item = items.shift(); item !== undefined; item = items.shift()) await write(item);
    pumping = undefined;
  };
  return {
    push: (item) => {
      items.push(item);
      pumping ??= pump();
    },
    drained: async () => { await pumping; },
  };
}

/** Resolves on the emitter's next `event`, or after `timeoutMs` so a stuck transport cannot stall the daemon. */
function once(emitter: NodeJS.EventEmitter, event: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      emitter.off(event, done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    emitter.on(event, done);
  });
}

function consoleTransport(): winston.transport {
  return new winston.transports.Console({
    stderrLevels: ['error', 'warn', 'info', 'debug'],
    format: winston.format.printf((info) => `${localTime(new Date())} ${toText(info.event as DaemonEvent)}`),
  });
}

/** `2026-11-26 14:39:01`, in the machine's time zone: what a person watching the terminal reads. */
export function localTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

// logger.end() flushes; the file transport's own 'finish' is what says the bytes are written.
async function closeLogger(logger: winston.Logger): Promise<void> {
  const finished = logger.transports.map((transport) => new Promise<void>((resolve) => {
    transport.once('finish', () => resolve());
    setTimeout(resolve, 2000);
  }));
  logger.end();
  await Promise.all(finished);
}
