// Waiting for things that happen later: daemon events (from a spawned `keyward watch` or an
// in-process daemon), notifications a fake desktop recorded. Tests push what they see into a
// recorder and await `next(match)`; nothing polls and nothing sleeps a fixed time.

export interface Recorder<T> {
  /** Everything pushed so far, in order. */
  readonly events: T[];
  push(event: T): void;
  /**
   * Resolves with the first event matching `match`, among those seen so far or, failing that, the
   * next one pushed that matches; rejects after `timeoutMs` naming what was seen instead.
   */
  next(match: (event: T) => boolean, timeoutMs?: number): Promise<T>;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/** `context` adds to the timeout message (a child's stderr, say). */
export function recorder<T>(context: () => string = () => ''): Recorder<T> {
  const events: T[] = [];
  const waiters = new Set<{ match: (event: T) => boolean; resolve: (event: T) => void }>();
  return {
    events,
    push(event) {
      events.push(event);
      for (const waiter of waiters) {
        if (!waiter.match(event)) continue;
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    },
    next(match, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const seen = events.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (event: T) => { clearTimeout(timer); resolve(event); } };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const extra = context();
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}${extra ? `; ${extra}` : ''}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}

/** Splits written text into lines and pushes each as parsed JSON (a `--format json` stream). */
export function jsonLines<T>(into: Recorder<T>): (text: string) => void {
  let buffer = '';
  return (text) => {
    buffer += text;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      into.push(JSON.parse(line) as T);
    }
  };
}
