// The shim runs on every AWS CLI call, so its import graph must stay small: node builtins, keytar
// and its own modules. Walks the source graph (static and dynamic imports) from the launcher's
// entry, and checks what the built bundle still requires at run time.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walk } from '../../support/import-graph.js';
import { distDir, srcDir as src } from '../../support/paths.js';

const FORBIDDEN = /^(winston|chokidar|node-cron|ini)(\/|$)|\/(cli|rules|daemon|migrate|report|policy|sources|launcher)\//;

describe('shim import graph', () => {
  const { files, packages } = walk(path.join(src, 'shim/credential-process.ts'));

  it('reaches no CLI, rules, daemon, migrate, report, policy, sources or launcher module', () => {
    const bad = [...files].map((f) => path.relative(src, f)).filter((f) => FORBIDDEN.test(`/${f}`));
    expect(bad).toEqual([]);
  });

  it('loads only node builtins and keytar', () => {
    const outside = [...packages].filter((p) => p !== 'keytar' && !builtinModules.includes(p.replace(/^node:/, '')));
    expect(outside).toEqual([]);
    expect(packages.has('keytar')).toBe(true); // the walker does see the lazy import
  });

  it('stays a handful of modules', () => {
    expect(files.size).toBeLessThanOrEqual(13);
  });
});

describe('the shim bundle (dist/shim/credential-process.cjs)', () => {
  it('requires only node builtins and keytar, and never through import()', () => {
    const text = fs.readFileSync(path.join(distDir, 'shim/credential-process.cjs'), 'utf8');
    const required = new Set([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] as string));
    expect([...required].filter((r) => r !== 'keytar' && !builtinModules.includes(r.replace(/^node:/, '')))).toEqual([]);
    expect(required.has('keytar')).toBe(true);
    expect(text).not.toMatch(/\bimport\(/); // a dynamic import would start the ESM loader
  });
});
