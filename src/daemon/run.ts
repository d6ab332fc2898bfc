// `keyward watch`: wires the monitor to chokidar, node-cron, the log and the desktop, and runs
// until SIGINT/SIGTERM. The only daemon file that touches signals.
import type { Agent } from '../agent/server.js';
import type { ScanCommand } from '../agent/scan-route.js';
import { startAgent } from '../agent/server.js';
import type { Context } from '../context.js';
import { KeywardError } from '../errors.js';
import { onKeychainReconnectNeeded } from '../secrets/keychain-errors.js';
import { logFile, osName } from '../platform/paths.js';
import type { DaemonDeps, Policy } from './contracts.js';
import type { SecretStore } from '../secrets/store.js';
import { SCHEDULE_ROWS } from '../policy/settings.js';
import type { ScheduleKey } from '../policy/settings.js';
import { realDeps } from './deps.js';
import type { DaemonEvent } from './events.js';
import { toJsonLine } from './events.js';
import type { Monitor } from './monitor.js';
import { createMonitor, errorEvent } from './monitor.js';
import type { Schedule } from './schedule.js';
import { createSchedule, validateSchedule } from './schedule.js';
import type { DesktopNotifier } from './sinks/desktop.js';
import { createDesktopNotifier } from './sinks/desktop.js';
import { createLogSink } from './sinks/log.js';
import type { Watcher } from './watcher.js';
import { createWatcher } from './watcher.js';

export interface DaemonOptions {
  format: 'text' | 'json';
  /** Defaults to the real scan, policy, migrate and keychain. */
  deps?: DaemonDeps;
  /** Defaults to this OS's notifier; tests pass a recording fake. */
  desktop?: DesktopNotifier;
  /** Defaults to keyward.log in this OS's log directory. */
  logFile?: string;
  debounceMs?: number;
  /** Serve credentials on the agent socket (agent/server.ts); default true, except on Windows. */
  agent?: boolean;
  /** `keyward scan`, for the agent to answer the installed script's scans with (agent/scan-route.ts). */
  scan?: ScanCommand;
}

export interface Daemon {
  monitor: Monitor;
  /** The policy in force (reloaded when a policy file changes). */
  policy(): Policy;
  /** Stops watching and scheduling and flushes the log. */
  stop(): Promise<void>;
  /**
   * Resolves when a keychain call found the Secret Service restarted under this process (gnome-keyring
   * killed or replaced): libsecret cannot reconnect inside a running Node process, so the daemon
   * must end and be started again (its service unit restarts it), or every keychain call fails.
   */
  restartNeeded: Promise<void>;
}

/** What each schedule of the policy table runs; a new schedule key without a task here does not compile. */
const SCHEDULE_TASKS: Record<ScheduleKey, (monitor: Monitor) => Promise<void>> = {
  rescan_schedule: (monitor) => monitor.rescan(),
  reminder_schedule: async (monitor) => monitor.remind(),
  key_age_schedule: (monitor) => monitor.rescan({ keyAges: true }),
  shim_check_schedule: (monitor) => monitor.checkLaunchers(),
};

/** Starts the daemon; resolves after the first scan, once watching (the `ready` event is out). */
export async function startDaemon(ctx: Context, options: DaemonOptions): Promise<Daemon> {
  const deps = options.deps ?? realDeps();
  const first = await deps.loadPolicy(ctx);
  validateSchedules(first);
  const log = createLogSink({ file: options.logFile ?? logFile(ctx.env, ctx.home, osName(process.platform)),
    console: options.format === 'text', syslog: first.syslog });
  let agent: Agent | undefined;
  const emit = (event: DaemonEvent): void => {
    // A migrated or rotated profile has a new item: forget what the agent holds (items are read again on demand).
    if (event.event === 'migrated' || event.event === 'rotated') agent?.cache.invalidate();
    log.write(event);
    if (options.format === 'json') ctx.out.write(toJsonLine(event));
  };
  let requestRestart = (): void => undefined;
  const restartNeeded = new Promise<void>((resolve) => { requestRestart = resolve; });
  onKeychainReconnectNeeded(() => {
    onKeychainReconnectNeeded(undefined);
    emit(errorEvent(ctx, reconnectError()));
    requestRestart();
  });
  const desktop = options.desktop ?? createDesktopNotifier(ctx.env, osName(process.platform));
  const policy = { current: first };
  const monitor = createMonitor({ ctx, deps, emit, desktop, policy: () => policy.current });
  await monitor.rescan({ keyAges: true });
  const schedules = createScheduleSet(first, monitor, (error) => emit(errorEvent(ctx, error)));
  const onChange = async (paths: string[]): Promise<void> => {
    if (paths.some((changed) => policy.current.files.includes(changed))) {
      policy.current = await reloadPolicy(ctx, deps, policy.current, emit);
      await schedules.apply(policy.current);
    }
    await monitor.rescan();
    await watch.update([...monitor.files(), ...policy.current.files]);
  };
  const watch = createWatchSet(ctx.home, options.debounceMs ?? 100, serially(onChange, (error) => emit(errorEvent(ctx, error))),
    (error) => emit(errorEvent(ctx, error)));
  await watch.update([...monitor.files(), ...policy.current.files]);
  // No Unix socket on Windows (a named pipe may come later): the launcher there is the shim alone.
  if (options.agent ?? process.platform !== 'win32') agent = await startAgentSafely(ctx, deps, emit, options.scan);
  emit({ event: 'ready', time: ctx.now().toISOString(), files: watch.count(), ...(agent && { agent: agent.socketPath }) });
  return {
    monitor,
    policy: () => policy.current,
    restartNeeded,
    stop: async () => {
      onKeychainReconnectNeeded(undefined);
      await agent?.close();
      await schedules.stop();
      await watch.close();
      await log.close();
    },
  };
}

/**
 * The agent, or undefined (with an `error` event) when its place is unsafe or another agent
 * already serves: the daemon still watches, and AWS tools use the Node shim.
 */
async function startAgentSafely(ctx: Context, deps: DaemonDeps, emit: (event: DaemonEvent) => void, scan?: ScanCommand): Promise<Agent | undefined> {
  let store: Promise<SecretStore> | undefined;
  const openStore = (): Promise<SecretStore> => (store ??= deps.openStore(ctx).catch((error: unknown) => {
    store = undefined;
    throw error;
  }));
  try {
    return await startAgent({ env: ctx.env, home: ctx.home, openStore, now: ctx.now, ...(scan ? { scan } : {}),
      onError: (error) => emit(errorEvent(ctx, error, 'agent: audit line not written: ')) });
  } catch (error) {
    emit(errorEvent(ctx, error, 'agent not started: '));
    return undefined;
  }
}

/** One call at a time, in order: a policy reload and a re-watch must not interleave. */
function serially(fn: (paths: string[]) => Promise<void>, onError: (error: unknown) => void): (paths: string[]) => void {
  let queue = Promise.resolve();
  return (paths) => {
    queue = queue.then(() => fn(paths)).catch(onError);
  };
}

interface WatchSet {
  /** Watches exactly `files`, replacing the watcher only when the list changed. */
  update(files: string[]): Promise<void>;
  count(): number;
  close(): Promise<void>;
}

function createWatchSet(home: string, debounceMs: number, onChange: (paths: string[]) => void, onError: (error: Error) => void): WatchSet {
  let watched: string[] = [];
  let watcher: Watcher | undefined;
  return {
    update: async (files) => {
      const next = [...new Set(files)].sort();
      if (watcher && next.join('\0') === watched.join('\0')) return;
      await watcher?.close();
      watched = next;
      watcher = createWatcher(next, onChange, { home, debounceMs, onError });
      await watcher.ready;
    },
    count: () => watched.length,
    close: async () => { await watcher?.close(); },
  };
}

function reconnectError(): KeywardError {
  return new KeywardError('keychain-unavailable', 'the keychain\'s Secret Service restarted since keyward watch connected to it; keyward watch exits to reconnect',
    'Its service unit starts it again (systemd: Restart=on-failure); if you started it by hand, run `keyward watch` again.');
}

/**
 * Runs the daemon in the foreground until SIGINT or SIGTERM (exit code 0), or until the keychain
 * needs a new process (exit code 2, so that the service manager starts it again).
 */
export async function runDaemon(ctx: Context, options: DaemonOptions): Promise<number> {
  const daemon = await startDaemon(ctx, options);
  let onSignal = (): void => undefined;
  const signalled = new Promise<void>((resolve) => { onSignal = resolve; });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const reason = await Promise.race([signalled.then(() => 'signal' as const), daemon.restartNeeded.then(() => 'reconnect' as const)]);
  await daemon.stop();
  // Removed only now: proper-lockfile (via migrate's lock) loads signal-exit, whose SIGTERM
  // listener re-raises the signal when it finds itself the last listener — which it would if
  // ours were removed inside the handler, killing us before the log is flushed.
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return reason === 'reconnect' ? 2 : 0;
}

function validateSchedules(policy: Policy): void {
  for (const row of SCHEDULE_ROWS) validateSchedule(row.key, policy[row.field]);
}

interface ScheduleSet {
  /** Restarts the schedules if `policy` changed any of them. */
  apply(policy: Policy): Promise<void>;
  stop(): Promise<void>;
}

function createScheduleSet(policy: Policy, monitor: Monitor, onError: (error: unknown) => void): ScheduleSet {
  let current = policy;
  let running = startSchedules(policy, monitor, onError);
  const stop = async (): Promise<void> => { await Promise.all(running.map((schedule) => schedule.stop())); };
  return {
    apply: async (next) => {
      if (SCHEDULE_ROWS.every((row) => current[row.field] === next[row.field])) return;
      await stop();
      current = next;
      running = startSchedules(next, monitor, onError);
    },
    stop,
  };
}

function startSchedules(policy: Policy, monitor: Monitor, onError: (error: unknown) => void): Schedule[] {
  return SCHEDULE_ROWS.map((row) => createSchedule(row.key, policy[row.field], () => SCHEDULE_TASKS[row.key](monitor), onError));
}

/** The new policy, or the old one (with an `error` event) when the edited file is invalid. */
async function reloadPolicy(ctx: Context, deps: DaemonDeps, current: Policy, emit: (event: DaemonEvent) => void): Promise<Policy> {
  try {
    const next = await deps.loadPolicy(ctx);
    validateSchedules(next);
    return next;
  } catch (error) {
    emit(errorEvent(ctx, error, 'policy not reloaded: '));
    return current;
  }
}
