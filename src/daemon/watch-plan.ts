// Which directories to hand to chokidar for a list of files, some of which may not exist yet.
// Watching a missing file, or a file that an editor or keyward's atomic write replaces by rename,
// is fragile in every watcher; watching a stable ancestor directory and filtering down to the
// wanted paths is not: chokidar sees `~/.aws` disappear, reappear, and the files renamed into it.
// Pure: the caller passes `exists`.
import path from 'node:path';

export interface WatchPlan {
  /** Directories to watch, none inside another. */
  roots: string[];
  /** Levels below the deepest root that chokidar must descend. */
  depth: number;
  /** Every path chokidar may report: the files and the directories leading to them. */
  allowed: Set<string>;
  /** The files themselves. */
  files: Set<string>;
}

/**
 * A root for each file: HOME for files under HOME (it is never deleted); elsewhere the nearest
 * existing ancestor of the file's grandparent, so its own directory may come and go.
 */
export function rootFor(file: string, home: string, exists: (dir: string) => boolean): string {
  const resolvedHome = path.resolve(home);
  if (isInside(file, resolvedHome)) return resolvedHome;
  let dir = path.dirname(path.dirname(file));
  while (!exists(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export function planWatch(files: readonly string[], home: string, exists: (dir: string) => boolean): WatchPlan {
  const wanted = new Set(files.map((file) => path.resolve(file)));
  const candidates = [...new Set([...wanted].map((file) => rootFor(file, home, exists)))];
  const roots = candidates.filter((root) => !candidates.some((other) => other !== root && isInside(root, other)));
  const allowed = new Set<string>();
  let depth = 0;
  for (const file of wanted) {
    const root = roots.find((candidate) => isInside(file, candidate));
    if (root === undefined) continue;
    const steps = path.relative(root, file).split(path.sep);
    depth = Math.max(depth, steps.length - 1);
    for (let dir = file; dir !== root; dir = path.dirname(dir)) allowed.add(dir);
  }
  return { roots, depth, allowed, files: wanted };
}

/** True when `child` is strictly below `parent`. */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
