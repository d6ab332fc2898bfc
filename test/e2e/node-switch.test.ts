// A migrated profile while the user's default node changes between versions (nvm/asdf use, a
// package upgrade). Real parts: `keyward migrate` run by a node that is later uninstalled, the
// AWS CLI v2 running the launcher, and the other node versions named in KEYWARD_TEST_NODES
// (scripts/ci-node-versions.sh passes Node 20, 22 and 24; without it those tests are skipped).
// Which node ran the shim is read from a --require preload that appends process.version to a file.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keytarNodeApi, launcherPath } from '../../src/launcher/install.js';
import { shellQuote } from '../../src/awsconfig/shlex.js';
import { keychainStore } from '../support/keychain.js';
import { fakeKey } from '../support/keys.js';
import { repoRoot } from '../support/paths.js';

interface Node { bin: string; version: string; napi: number }

function describeNode(bin: string): Node {
  const out = execFileSync(bin, ['-p', 'process.version + " " + process.versions.napi'], { encoding: 'utf8' }).trim().split(' ');
  return { bin, version: out[0] as string, napi: Number(out[1]) };
}

const others = (process.env.KEYWARD_TEST_NODES ?? '').split(':').filter(Boolean).map(describeNode)
  .filter((n) => n.version !== process.version);
const keytarNapi = keytarNodeApi();
const key = fakeKey(151);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-node-switch-'));
const service = `keyward-test-node-switch-${process.pid}`;
// The node that runs `keyward migrate`: a copy of this test's node in its own bin dir, so it can be
// uninstalled later the way `nvm uninstall` removes a version.
const recorded = path.join(home, 'nvm/versions/recorded/bin/node');
const ranLog = path.join(home, 'ran.log');
const preload = path.join(home, 'record-node.cjs');
const env: NodeJS.ProcessEnv = {
  ...process.env, HOME: home, KEYWARD_SERVICE: service,
  XDG_DATA_HOME: path.join(home, '.local/share'), XDG_STATE_HOME: path.join(home, '.local/state'),
  AWS_CONFIG_FILE: path.join(home, '.aws/config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws/credentials'),
  AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: 'us-east-1',
};

/** PATH whose first node is `bin`'s (the user's default node after `nvm use`). */
const pathWith = (bin: string): string => `${path.dirname(bin)}:${process.env.PATH ?? '/usr/bin:/bin'}`;

/** The AWS CLI v2 resolving profile dev with `node` on PATH being `bin`; which node ran the shim, if any. */
function awsWithDefaultNode(bin: string): { status: number | null; stderr: string; accessKeyId?: string; shimNode?: string } {
  fs.rmSync(ranLog, { force: true });
  const run = spawnSync('/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'], {
    env: { ...env, PATH: pathWith(bin), NODE_OPTIONS: `--require ${preload}` }, encoding: 'utf8', timeout: 60_000,
  });
  const shimRuns = fs.existsSync(ranLog) ? fs.readFileSync(ranLog, 'utf8').trim().split('\n').filter((l) => l.includes('credential-process')) : [];
  return {
    status: run.status, stderr: run.stderr,
    ...(run.status === 0 ? { accessKeyId: (JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId } : {}),
    ...(shimRuns.length ? { shimNode: shimRuns.at(-1)?.split(' ')[0] } : {}),
  };
}

function keyward(bin: string, args: string[]): ReturnType<typeof spawnSync> {
  return spawnSync(bin, [path.join(repoRoot, 'bin/keyward'), ...args], { env: { ...env, PATH: pathWith(bin) }, encoding: 'utf8', timeout: 60_000 });
}

beforeAll(() => {
  fs.mkdirSync(path.dirname(recorded), { recursive: true });
  fs.copyFileSync(process.execPath, recorded);
  fs.chmodSync(recorded, 0o755);
  fs.writeFileSync(preload, `require('fs').appendFileSync(${JSON.stringify(ranLog)}, process.version + ' ' + process.argv[1] + '\\n');\n`);
  fs.mkdirSync(path.join(home, '.aws'), { mode: 0o700 });
  fs.writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE as string, `[dev]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`, { mode: 0o600 });
  const run = keyward(recorded, ['migrate', '--yes']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});

afterAll(async () => {
  await keychainStore(service).delete('dev').catch(() => false);
  fs.rmSync(home, { recursive: true, force: true });
});

describe('a migrated profile when the default node changes', () => {
  it('records the node that migrated and the Node-API keytar was built for', () => {
    const text = fs.readFileSync(launcherPath(env, home), 'utf8');
    expect(text).toContain(`node=${shellQuote(recorded)}\n`);
    expect(text).toContain(`# Recorded by node ${process.version};`);
    expect(keytarNapi).toBeGreaterThan(0); // keytar was built from source here, so its build config exists
    expect(text).toContain(`napi=${keytarNapi}\n`);
    expect(fs.readFileSync(env.AWS_SHARED_CREDENTIALS_FILE as string, 'utf8')).not.toContain(key.id);
  });

  it.skipIf(others.length === 0)('keeps running the recorded node whatever node is first on PATH (KEYWARD_TEST_NODES)', () => {
    for (const node of others) {
      const result = awsWithDefaultNode(node.bin);
      expect(result, `PATH node ${node.version}`).toMatchObject({ status: 0, accessKeyId: key.id, shimNode: process.version });
    }
  });

  it.skipIf(others.length === 0)('once the recorded node is uninstalled, runs the PATH node if it can load keytar, else says why in one line', () => {
    fs.rmSync(path.dirname(path.dirname(recorded)), { recursive: true });
    for (const node of others) {
      const result = awsWithDefaultNode(node.bin);
      if (node.napi >= keytarNapi) {
        expect(result, `PATH node ${node.version}`).toMatchObject({ status: 0, accessKeyId: key.id, shimNode: node.version });
      } else {
        // Without the launcher's check this node would crash loading keytar's addon (SIGSEGV).
        expect(result.status, `PATH node ${node.version}`).not.toBe(0);
        expect(result.shimNode).toBeUndefined();
        expect(result.stderr).toMatch(/keyward: the node this launcher recorded \(.*\) is gone and .* offers Node-API \d+, older than/);
      }
    }
  });

  // Runs on every version: when keytar was built for the oldest node tested, no node is too old and
  // there is nothing to refuse (a skip would fail CI's strict-skip rule for a case that cannot occur).
  it('`keyward migrate` under a node too old for keytar\'s addon refuses to record it', () => {
    const before = fs.readFileSync(launcherPath(env, home), 'utf8');
    for (const node of others.filter((n) => n.napi < keytarNapi)) {
      const run = keyward(node.bin, ['migrate', '--yes']);
      expect(run.status, `node ${node.version}`).toBe(2);
      expect(String(run.stderr)).toMatch(new RegExp(`keytar here was built for Node-API ${keytarNapi}, and this node \\(${node.version}\\) offers ${node.napi}: it would crash loading it`));
    }
    expect(fs.readFileSync(launcherPath(env, home), 'utf8')).toBe(before);
  });

  it('once the recorded node is gone, `keyward migrate --yes` under the new default node records that one', () => {
    fs.rmSync(path.dirname(path.dirname(recorded)), { recursive: true, force: true });
    const now = [...others.filter((n) => n.napi >= keytarNapi), describeNode(process.execPath)][0] as Node;
    const run = keyward(now.bin, ['migrate', '--yes']);
    expect(run.status, String(run.stderr)).toBe(0);
    expect(fs.readFileSync(launcherPath(env, home), 'utf8')).toContain(`# Recorded by node ${now.version};`);
    expect(awsWithDefaultNode(now.bin)).toMatchObject({ status: 0, accessKeyId: key.id, shimNode: now.version });
  });
});
