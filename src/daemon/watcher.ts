// The chokidar adapter: watches a plan's root directories, drops every path that is not a wanted
// file or a directory leading to one, and calls `onChange` once per burst of changes.
import { existsSync } from 'node:fs';
import { watch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import { planWatch } from './watch-plan.js';

export interface WatcherOptions {
  home: string;
  /** Quiet time after the last change before `onChange` runs. */
  debounceMs?: number;
  /** A burst that never goes quiet still triggers `onChange` this often. */
  maxWaitMs?: number;
  onError?: (error: Error) => void;
}

export interface Watcher {
  /** Resolves once the initial directory walk is done. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function createWatcher(files: readonly string[], onChange: (paths: string[]) => void, options: WatcherOptions): Watcher {
  const plan = planWatch(files, options.home, existsSync);
  const trigger = debounce(onChange, options.debounceMs ?? 100, options.maxWaitMs ?? 1000);
  const watcher: FSWatcher = watch(plan.roots, {
    ignoreInitial: true,
    depth: plan.depth,
    // atomic: an unlink followed by an add within 100 ms is one `change` (editors' rename writes).
    atomic: true,
    ignorePermissionErrors: true,
    ignored: (candidate: string) => !plan.roots.includes(candidate) && !plan.allowed.has(candidate),
  });
  watcher.on('all', (_event, changed) => {
    if (plan.files.has(changed) || plan.allowed.has(changed)) trigger(changed);
  });
  watcher.on('error', (error) => options.onError?.(error instanceof Error ? error : new Error(String(error))));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { ready, close: async () => { trigger.cancel(); await watcher.close(); } };
}

interface Debounced {
  (item: string): void;
  cancel(): void;
}

/** Collects items and calls `fn` after `waitMs` of quiet, or `maxWaitMs` after the first item. */
export function debounce(fn: (items: string[]) => void, waitMs: number, maxWaitMs: number): Debounced {
  let items = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let first = 0;
  const flush = (): void => {
    timer = undefined;
    const batch = [...items];
    items = new Set();
    fn(batch);
  };
  const debounced = (item: string): void => {
    if (items.size === 0) first = Date.now();
    items.add(item);
    if (timer) clearTimeout(timer);
    const wait = Math.min(waitMs, Math.max(0, first + maxWaitMs - Date.now()));
    timer = setTimeout(flush, wait);
  };
  debounced.cancel = (): void => { if (timer) clearTimeout(timer); timer = undefined; };
  return debounced;
}
