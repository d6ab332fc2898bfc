// What a shim call loads: a cache miss requires the refresh bundle (the AWS SDK is inside it:
// test/unit/shim/imports.test.ts); a cached session is handed out without it, and without any
// @aws-sdk module (the bundled shim, as the launcher runs it).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { supportDir } from '../../support/paths.js';
import { MFA_SERIAL, createSessionFixture, putKey, type SessionFixture } from '../../support/session-fixture.js';

let f: SessionFixture;
beforeEach(async () => {
  f = await createSessionFixture('hot-path');
  await putKey(f, 'dev');
  f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 123456' } });
});
afterEach(async () => f.cleanup());

async function loadedBy(label: string): Promise<string[]> {
  const file = path.join(f.home, `${label}.json`);
  const [run] = await f.shims('dev', 1, { NODE_OPTIONS: `--import ${path.join(supportDir, 'loaded-modules.mjs')}`, KEYWARD_LOADED_MODULES: file });
  expect(run?.status, run?.stderr).toBe(0);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
}

const sdk = (files: string[]): string[] => files.filter((m) => m.includes(`${path.sep}@aws-sdk${path.sep}`) || m.includes(`${path.sep}@smithy${path.sep}`));
const refresh = (files: string[]): string[] => files.filter((m) => m.endsWith('session-refresh.cjs'));

it('a cache miss loads the refresh bundle (the STS client inside); a cached session loads neither', async () => {
  const miss = await loadedBy('miss');
  expect(refresh(miss)).toHaveLength(1);
  expect(f.sessionCalls()).toBe(1);
  const hit = await loadedBy('hit');
  expect(f.sessionCalls()).toBe(1);
  expect(refresh(hit)).toEqual([]);
  expect(sdk(hit)).toEqual([]);
  expect(hit.some((m) => m.endsWith('credential-process.cjs'))).toBe(true); // the preload did see the shim
});
