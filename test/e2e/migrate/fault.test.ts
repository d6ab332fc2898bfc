// Kills `migrate` with SIGKILL at 20 moments of a 200-profile migration (10 at steps its onStep
// hook reports, including each file's write steps, and 10 after random delays) and checks each
// time, through botocore (the AWS CLI v1) and a spot check with the AWS CLI v2, that every
// profile still resolves its original key. Each round starts again from the original files, with
// whatever keychain items earlier rounds left behind, as a real re-run after a crash would.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import { resolveBotocore, resolveCliV2 } from '../../support/aws-clients.js';
import type { Resolved } from '../../support/aws-clients.js';
import { fakeKey } from '../../support/keys.js';
import { makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';
import { supportDir } from '../../support/paths.js';

const CRED_PROFILES = 120;
const CONFIG_PROFILES = 80;
const child = path.join(supportDir, 'migrate-child.mjs');

interface Profile {
  name: string;
  id: string;
  secret: string;
}

function buildFiles(): { credentials: string; config: string; profiles: Profile[] } {
  const profiles: Profile[] = [];
  const cred: string[] = ['# generated for the fault test'];
  for (let i = 0; i < CRED_PROFILES; i++) {
    const { id, secret } = fakeKey(100 + i);
    const name = `p${i}`;
    profiles.push({ name, id, secret });
    cred.push(`[${name}]`, `aws_access_key_id = ${id}`, `aws_secret_access_key = ${secret}`, ...(i % 3 === 0 ? ['region = eu-west-1'] : []), '');
  }
  const conf: string[] = [];
  for (let i = 0; i < CONFIG_PROFILES; i++) {
    const { id, secret } = fakeKey(300 + i);
    const name = `c ${i}`;
    profiles.push({ name, id, secret });
    conf.push(`[profile "${name}"]`, 'region = us-east-2', `aws_access_key_id = ${id}`, `aws_secret_access_key = ${secret}`, '');
  }
  return { credentials: cred.join('\r\n'), config: conf.join('\n'), profiles };
}

interface ChildRun {
  signal: NodeJS.Signals | null;
  code: number | null;
  steps: string[];
}

function runChild(h: MigrateHome, env: NodeJS.ProcessEnv, killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [child], { env: { ...h.env, ...env, STEP_LOG: '1' } });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, steps: out.split('\n').filter((l) => /^[a-z-]+$/.test(l)) });
    });
  });
}

function checkEveryProfile(h: MigrateHome, profiles: Profile[], round: number): void {
  for (const file of [h.credentials, h.config]) expect(parse(fs.readFileSync(file, 'utf8'), 'config').diagnostics, `round ${round}`).toEqual([]);
  const resolved = resolveBotocore(h.env, profiles.map((p) => p.name));
  const isWrong = (p: Profile, c: Resolved | undefined): boolean => c?.AccessKeyId !== p.id || c.SecretAccessKey !== p.secret;
  let wrong = profiles.filter((p) => isWrong(p, resolved[p.name]?.credentials));
  // A failure to resolve (not a wrong key) may be this loaded test machine's keyring timing out;
  // ask once more, one profile at a time, before calling it lost.
  const failed = wrong.filter((p) => resolved[p.name]?.credentials.error !== undefined);
  if (failed.length > 0) {
    const again = resolveBotocore(h.env, failed.map((p) => p.name), 1);
    wrong = wrong.filter((p) => !failed.includes(p) || isWrong(p, again[p.name]?.credentials));
  }
  const details = wrong.slice(0, 3).map((p) => `${p.name}: ${JSON.stringify(resolved[p.name]?.credentials.detail ?? 'wrong key')}`);
  expect(wrong.map((p) => p.name), `round ${round}: profiles not resolving their original key; ${details.join('; ')}`).toEqual([]);
  const spot = profiles[(round * 37) % profiles.length] as Profile;
  expect(resolveCliV2(h.env, spot.name), `round ${round}: AWS CLI v2, profile ${spot.name}`).toEqual({ AccessKeyId: spot.id, SecretAccessKey: spot.secret });
}

describe('migrate killed with SIGKILL', () => {
  const files = buildFiles();
  let h: MigrateHome;
  let fullSteps: string[] = [];
  let fullMs = 0;
  const reset = (): void => {
    fs.writeFileSync(h.credentials, files.credentials, { mode: 0o600 });
    fs.writeFileSync(h.config, files.config, { mode: 0o600 });
  };
  beforeAll(async () => {
    h = makeMigrateHome('fault', { credentials: files.credentials, config: files.config });
    const started = Date.now();
    const full = await runChild(h, {});
    fullMs = Date.now() - started;
    fullSteps = full.steps;
    expect(full.code).toBe(0);
    reset();
  }, 600_000);
  afterAll(() => h.cleanup());

  it('leaves every profile resolving its original key, at 20 moments', async () => {
    expect(fullSteps.filter((s) => s === 'renamed')).toHaveLength(2);
    const writeSteps = fullSteps.flatMap((s, i) => (['temp-written', 'checked', 'renamed'].includes(s) ? [i] : []));
    const randomSteps = Array.from({ length: 4 }, (_, i) => Math.floor(((i + 1) * fullSteps.length) / 5));
    const stepKills = [...writeSteps, ...randomSteps];
    const delays = Array.from({ length: 20 - stepKills.length }, () => Math.floor(Math.random() * fullMs));
    const rounds: { env: NodeJS.ProcessEnv; delay?: number }[] = [
      ...stepKills.map((n) => ({ env: { KILL_AT_STEP: String(n) } })),
      ...delays.map((delay) => ({ env: {}, delay })),
    ];
    expect(rounds).toHaveLength(20);
    for (const [round, { env, delay }] of rounds.entries()) {
      const run = await runChild(h, env, delay);
      if (delay === undefined) expect(run.signal, `round ${round}`).toBe('SIGKILL');
      checkEveryProfile(h, files.profiles, round);
      reset();
    }
  }, 1_200_000);

  it('then completes, migrating every profile, and leaves no temp file behind', async () => {
    const run = await runChild(h, {});
    expect(run.code).toBe(0);
    const text = fs.readFileSync(h.credentials, 'utf8') + fs.readFileSync(h.config, 'utf8');
    expect(files.profiles.filter((p) => text.includes(p.secret))).toEqual([]);
    checkEveryProfile(h, files.profiles, 20);
    expect(fs.readdirSync(path.dirname(h.credentials)).filter((n) => n.includes('.keyward-'))).toEqual([]);
  }, 600_000);
});
