// The import graph of src/, read from the TypeScript sources (static and dynamic imports; type-only
// imports are erased at build time and do not count). Used by the shim's start-up test and the
// no-cycles test.
import fs from 'node:fs';
import path from 'node:path';
import { srcDir } from './paths.js';

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(?\s*['"]([^'"]+)['"]/gm;

export interface Imports {
  /** Other src/ files this one imports (absolute paths). */
  local: string[];
  /** npm packages and node builtins. */
  packages: string[];
}

export function importsOf(file: string): Imports {
  const text = fs.readFileSync(file, 'utf8').replace(/^\s*import type .*$/gm, '').replace(/^\s*export type .*$/gm, '');
  const local: string[] = [];
  const packages: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = (match[1] ?? match[2]) as string;
    if (spec.startsWith('.')) local.push(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
    else packages.push(spec);
  }
  return { local, packages };
}

/** Every file reachable from `entry`, and the packages they load; files for which `stop` is true are listed but not followed. */
export function walk(entry: string, stop: (file: string) => boolean = () => false): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    if (file !== entry && stop(file)) continue;
    const imports = importsOf(file);
    queue.push(...imports.local);
    for (const p of imports.packages) packages.add(p);
  }
  return { files, packages };
}

/** All .ts files under src/. */
export function sourceFiles(dir = srcDir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** One cycle per strongly connected group of files that import each other (Tarjan), as relative paths. */
export function importCycles(files: string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const dep of importsOf(file).local) {
      if (!index.has(dep)) {
        visit(dep);
        low.set(file, Math.min(low.get(file)!, low.get(dep)!));
      } else if (onStack.has(dep)) low.set(file, Math.min(low.get(file)!, index.get(dep)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      group.push(path.relative(srcDir, top));
      if (top === file) break;
    }
    if (group.length > 1 || importsOf(file).local.includes(file)) cycles.push(group.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}
