// A key stored by keyward resolves identically through the real clients that run
// credential_process: the AWS CLI v2 (/usr/bin/aws), botocore (python3), and the JS SDK v3's
// fromIni. Everything runs against the private keyring and a temp HOME.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/awsconfig/shlex.js';
import { installLauncher } from '../../src/launcher/install.js';
import { credentialProcessLine } from '../../src/launcher/line.js';
import { ROLE_CREDENTIALS, startFakeSts, type FakeSts } from '../support/fake-sts.js';
import { fakeCredentials } from '../support/keys.js';
import { shimEntry, supportDir } from '../support/paths.js';
import { createFixture, item } from '../support/shim-fixture.js';

const run = promisify(execFile);
const fx = createFixture('clients');
let sts: FakeSts;

// name, key, and whether the JS SDK can see the profile at all: its parseIni only accepts names
// of [\w-@+.%:/] (smithy shared-ini-file-loader prefixKeyRegex), so a space, ' or $ hides it.
const profiles = [
  { name: 'dev', key: fakeCredentials(2), js: true },
  { name: 'my prof', key: fakeCredentials(3), js: false },
  { name: "o'brien", key: fakeCredentials(4), js: false },
  { name: 'cost$center', key: fakeCredentials(5), js: false },
];

/** The credential_process runs each test causes, by profile: the audit log must hold one line for each. */
const fetches = new Map<string, number>();
const fetched = (profile: string): void => void fetches.set(profile, (fetches.get(profile) ?? 0) + 1);

type Creds = { AccessKeyId: string; SecretAccessKey: string; SessionToken?: string | undefined };

async function viaCliV2(profile: string): Promise<Creds> {
  const { stdout } = await run('/usr/bin/aws', ['configure', 'export-credentials', '--profile', profile], { env: fx.env });
  const out = JSON.parse(stdout) as Creds;
  return { AccessKeyId: out.AccessKeyId, SecretAccessKey: out.SecretAccessKey, SessionToken: out.SessionToken };
}

async function viaBotocore(profile: string): Promise<Creds> {
  const code = `import botocore.session, json, sys
c = botocore.session.Session(profile=sys.argv[1]).get_credentials().get_frozen_credentials()
print(json.dumps({"AccessKeyId": c.access_key, "SecretAccessKey": c.secret_key, "SessionToken": c.token}))`;
  const { stdout } = await run('python3', ['-c', code, profile], { env: fx.env });
  const out = JSON.parse(stdout) as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string | null };
  return { ...out, SessionToken: out.SessionToken ?? undefined };
}

async function viaJsSdk(profile: string, stsUrl?: string): Promise<Creds> {
  const script = path.join(supportDir, 'js-sdk-resolve.mjs');
  const { stdout } = await run(process.execPath, [script, profile, ...(stsUrl ? [stsUrl] : [])], { env: fx.env });
  return JSON.parse(stdout) as Creds;
}

/** CLI v2 2.9.19 predates AWS_ENDPOINT_URL_STS; botocore reads ~/.aws/models first, so an endpoint ruleset there redirects STS. */
function redirectStsForCliV2(url: string): void {
  const dir = path.join(fx.home, '.aws/models/sts/2011-06-15');
  fs.mkdirSync(dir, { recursive: true });
  const ruleset = { version: '1.0', parameters: { Region: { builtIn: 'AWS::Region', required: false, type: 'String' } },
    rules: [{ conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' }] };
  fs.writeFileSync(path.join(dir, 'endpoint-rule-set-1.json'), JSON.stringify(ruleset));
}

beforeAll(async () => {
  sts = await startFakeSts();
  fx.env.AWS_ENDPOINT_URL_STS = sts.url; // botocore >= 1.31 and recent JS SDKs
  fx.env.AWS_DEFAULT_REGION = 'us-east-1';
  redirectStsForCliV2(sts.url);
  // A launcher path with a space and a quote, so even the JS SDK's (plain-named) line needs quoting.
  fx.env.XDG_DATA_HOME = path.join(fx.home, "data dir's");
  const launcher = installLauncher({ env: fx.env, home: fx.home, entry: shimEntry });
  // botocore shlex-splits section names, so `[profile my prof]` must be written `[profile 'my prof']`.
  const sections = profiles.map(({ name }) => `[profile ${shellQuote(name)}]\ncredential_process = ${credentialProcessLine(launcher, name)}\nregion = us-east-1\n`);
  sections.push('[profile role]\nrole_arn = arn:aws:iam::123456789012:role/test\nsource_profile = dev\nrole_session_name = keyward\nregion = us-east-1\n');
  fs.mkdirSync(path.join(fx.home, '.aws'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(fx.env.AWS_CONFIG_FILE as string, sections.join('\n'), { mode: 0o600 });
  for (const { name, key } of profiles) await fx.put(name, item(key));
});

afterAll(async () => {
  await sts.close();
  await fx.cleanup();
});

describe('a profile migrated to the shim', () => {
  it.each(profiles)('resolves $name to the stored key in CLI v2 and botocore (and the JS SDK where it accepts the name)', async ({ name, key, js }) => {
    const expected = { ...key, SessionToken: undefined };
    expect(await viaCliV2(name)).toEqual(expected);
    fetched(name);
    expect(await viaBotocore(name)).toEqual(expected);
    fetched(name);
    if (js) {
      expect(await viaJsSdk(name)).toEqual(expected);
      fetched(name);
    } else {
      await expect(viaJsSdk(name)).rejects.toThrow(/Could not resolve credentials using profile/); // never runs the shim
    }
  });

  it('serves as source_profile of a role: STS is called signed with the shim\'s key', async () => {
    const dev = profiles[0]?.key.AccessKeyId;
    const role = { ...ROLE_CREDENTIALS };
    for (const [client, resolve] of [
      ['cli v2', () => viaCliV2('role')], ['botocore', () => viaBotocore('role')], ['js sdk', () => viaJsSdk('role', sts.url)],
    ] as const) {
      const before = sts.signers.length;
      expect(await resolve(), client).toEqual(role);
      expect(sts.signers.slice(before), client).toEqual([dev]);
      fetched('dev'); // the source profile's key, through the shim
    }
  });

  it('leaves one audit line per fetch and no secret in it', () => {
    const text = fs.readFileSync(path.join(fx.home, '.local/state/keyward/audit.log'), 'utf8');
    for (const { key } of profiles) expect(text).not.toContain(key.SecretAccessKey);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { profile: string; outcome: string });
    expect(lines.every((l) => l.outcome === 'ok')).toBe(true);
    const perProfile = new Map<string, number>();
    for (const { profile } of lines) perProfile.set(profile, (perProfile.get(profile) ?? 0) + 1);
    // dev: CLI v2, botocore and the JS SDK, then once per client as the role's source profile.
    expect(Object.fromEntries(fetches)).toEqual({ dev: 6, 'my prof': 2, "o'brien": 2, 'cost$center': 2 });
    expect(Object.fromEntries(perProfile)).toEqual(Object.fromEntries(fetches));
  });
});
