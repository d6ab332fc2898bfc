// The shim runs on every AWS CLI call, so its import graph must stay small: node builtins, keytar
// and its own modules. Walks the source graph (static and dynamic imports) from the launcher's
// entry, and checks what the built bundle still requires at run time. A session cache miss alone
// loads sessions/refresh.ts (its own bundle, dist/shim/session-refresh.cjs, the AWS SDK inside);
// test/integration/sessions/hot-path.test.ts checks that a cached call loads neither.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walk } from '../../support/import-graph.js';
import { distDir, srcDir as src } from '../../support/paths.js';

const FORBIDDEN = /^(winston|chokidar|node-cron|ini)(\/|$)|\/(cli|rules|daemon|migrate|report|policy|sources|launcher)\//;
const REFRESH = path.join(src, 'sessions/refresh.ts');
const isBuiltin = (p: string): boolean => builtinModules.includes(p.replace(/^node:/, ''));

describe('shim import graph', () => {
  const { files, packages } = walk(path.join(src, 'shim/credential-process.ts'), (file) => file === REFRESH);

  it('reaches no CLI, rules, daemon, migrate, report, policy, sources or launcher module', () => {
    const bad = [...files].map((f) => path.relative(src, f)).filter((f) => FORBIDDEN.test(`/${f}`));
    expect(bad).toEqual([]);
  });

  it('loads only node builtins and keytar, up to the lazy session refresh', () => {
    const outside = [...packages].filter((p) => p !== 'keytar' && !isBuiltin(p));
    expect(outside).toEqual([]);
    expect(packages.has('keytar')).toBe(true); // the walker does see the lazy import
    expect(files.has(REFRESH)).toBe(true); // … and the lazy refresh
  });

  it('stays a bounded set of modules', () => {
    // 14 since display.ts; 28 with sessions/ (policy's session keys, the botocore profile view for mfa_serial).
    expect(files.size).toBeLessThanOrEqual(28);
  });

  it('the session refresh (a cache miss) adds only the lock, the STS client and node builtins (keytar comes from the shim)', () => {
    const { files: all, packages: lazy } = walk(REFRESH);
    const bad = [...all].map((f) => path.relative(src, f)).filter((f) => FORBIDDEN.test(`/${f}`));
    expect(bad).toEqual([]);
    expect([...lazy].filter((p) => !isBuiltin(p)).sort()).toEqual(['@aws-sdk/client-sts', 'proper-lockfile']);
  });
});

function requires(file: string): Set<string> {
  const text = fs.readFileSync(path.join(distDir, file), 'utf8');
  expect(text).not.toMatch(/\bimport\(/); // a dynamic import would start the ESM loader
  return new Set([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] as string));
}

describe('the shim bundle (dist/shim/credential-process.cjs)', () => {
  it('requires only node builtins, keytar and the refresh bundle, and never through import()', () => {
    const required = requires('shim/credential-process.cjs');
    expect([...required].filter((r) => !isBuiltin(r)).sort()).toEqual(['./session-refresh.cjs', 'keytar']);
  });

  it('the refresh bundle holds the STS client and proper-lockfile, and requires only node builtins', () => {
    const required = requires('shim/session-refresh.cjs');
    // The one other name is in the SDK's error text telling users to install the optional CRT signer.
    expect([...required].filter((r) => !isBuiltin(r) && r !== '@aws-sdk/signature-v4-crt')).toEqual([]);
    const text = fs.readFileSync(path.join(distDir, 'shim/session-refresh.cjs'), 'utf8');
    expect(text).toContain('GetSessionTokenCommand');
    expect(text).toContain('proper-lockfile');
  });
});
