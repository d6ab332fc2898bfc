// bin/keyward runs `scan` from its own CommonJS bundle (dist/cli/commands/scan.cjs), not through
// main.js. The two must answer byte for byte alike: each case runs both, as child processes over
// the same HOME and env, and compares stdout, stderr and the exit status. Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeItem } from '../../../src/secrets/item.js';
import { FIXTURE_FILES } from '../../support/fixture-home.js';
import { keychainStore } from '../../support/keychain.js';
import { KEY_ID, SECRET } from '../../support/keys.js';
import { binKeyward, distDir, repoRoot } from '../../support/paths.js';
import { createTempHome, type TempHome } from '../../support/temp-home.js';
// @ts-expect-error -- a plain .mjs script (the bench's generator), no types.
import { writeBenchHome } from '../../../scripts/scan-bench-home.mjs';

const bundle = path.join(distDir, 'cli/commands/scan.cjs');
// tsc's output: main.js, the registry and tsc's dist/cli/commands/scan.js, module by module.
const unbundled = `import(${JSON.stringify(pathToFileURL(path.join(distDir, 'cli/main.js')).href)}).then((m) => m.runProcess(process.argv.slice(1)))`;
// `--` keeps node from taking `--debug` as its own option.

interface Answer { status: number | null; stdout: string; stderr: string }

function answer(args: string[], env: NodeJS.ProcessEnv, cwd: string): Answer {
  const run = spawnSync(process.execPath, args, { env, cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Both ways, the bundle's first; the test compares them whole. */
function both(h: TempHome, argv: string[]): [Answer, Answer] {
  return [answer([binKeyward, ...argv], h.env, h.home), answer(['--input-type=module', '-e', unbundled, '--', ...argv], h.env, h.home)];
}

const homes: TempHome[] = [];
function home(files: Record<string, string> = {}): TempHome {
  const h = createTempHome('scan-bundle', { files });
  homes.push(h);
  return h;
}
afterAll(() => homes.forEach((h) => h.cleanup()));

describe('keyward scan: the bundle answers as the unbundled CLI', () => {
  it('is what bin/keyward runs for scan (and only for scan)', () => {
    const h = home(FIXTURE_FILES);
    const loaded = (argv: string[]): string => {
      const run = spawnSync(process.execPath, ['-e', `process.argv.splice(1, 0, ${JSON.stringify(binKeyward)}); require(${JSON.stringify(binKeyward)});
        process.on('exit', () => process.stderr.write('\\nBUNDLE=' + (${JSON.stringify(bundle)} in require.cache)))`, '--', ...argv],
      { env: h.env, cwd: h.home, encoding: 'utf8' });
      return run.stderr.slice(run.stderr.lastIndexOf('BUNDLE='));
    };
    expect(fs.existsSync(bundle)).toBe(true);
    expect(loaded(['scan', '--format', 'json'])).toBe('BUNDLE=true');
    expect(loaded(['--debug', 'scan', '--help'])).toBe('BUNDLE=true');
    expect(loaded(['status', '--format', 'json'])).toBe('BUNDLE=false');
  });

  const fixtureCases: string[][] = [
    ['scan'], ['scan', '--format', 'json'], ['scan', '--format', 'sarif'], ['scan', '--format=json', '--fail-on', 'low'],
    ['scan', '--fail-on', 'high'], ['--debug', 'scan', '--format', 'json'], ['scan', '--help'],
    ['scan', '--format', 'xml'], ['scan', '--fail-on', 'severe'], ['scan', 'extra'],
  ];
  it.each(fixtureCases.map((argv) => [argv]))('on the fixture home: %j', (argv) => {
    const [fromBundle, fromMain] = both(home(FIXTURE_FILES), argv);
    expect(fromBundle.stdout.length + fromBundle.stderr.length).toBeGreaterThan(0);
    expect(fromBundle).toEqual(fromMain);
  });

  it('on an empty HOME, a file the AWS CLI refuses, and an invalid policy', () => {
    const empty = home();
    const refused = home({ '.aws/config': '[profile a]\nregion = x\n[profile a]\nregion = y\n', '.aws/credentials': `[b]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n` });
    const badPolicy = home(FIXTURE_FILES);
    fs.mkdirSync(path.dirname(badPolicy.fleetPolicy), { recursive: true });
    fs.writeFileSync(badPolicy.fleetPolicy, 'no_such_key = 1\n');
    const answers = [empty, refused, badPolicy].map((h) => both(h, ['scan', '--format', 'json']));
    expect(answers.map(([fromBundle]) => fromBundle.status)).toEqual([0, 2, 2]);
    for (const [fromBundle, fromMain] of answers) expect(fromBundle).toEqual(fromMain);
  });

  it("on the bench's generated home (1,000 profiles), with a 1 MB line in .bashrc", () => {
    for (const longLine of [0, 1 << 20]) {
      const h = home();
      writeBenchHome(h.home, { longLine });
      const [fromBundle, fromMain] = both(h, ['scan', '--format', 'json']);
      expect(JSON.parse(fromBundle.stdout).findings.length).toBeGreaterThan(400);
      expect(fromBundle).toEqual(fromMain);
    }
  }, 60_000);

  it('with a keyward-held key in the keychain (access-key-too-old loads keytar from the bundle)', async () => {
    const h = home({ '.aws/config': '[profile old]\ncredential_process = /usr/bin/keyward credential-process --profile old\n' });
    const store = keychainStore(h.service);
    await store.set('old', encodeItem({ v: 1, AccessKeyId: KEY_ID, SecretAccessKey: SECRET, createdAt: '2020-01-01T00:00:00Z', source: { file: '/x', section: 'x' } }));
    try {
      const [fromBundle, fromMain] = both(h, ['scan', '--format', 'json']);
      expect(JSON.parse(fromBundle.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('access-key-too-old');
      expect(fromBundle).toEqual(fromMain);
    } finally {
      await store.delete('old');
    }
  });

  it('finds package.json from the bundle (SARIF names the version)', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    const [fromBundle] = both(home(FIXTURE_FILES), ['scan', '--format', 'sarif']);
    expect(JSON.parse(fromBundle.stdout).runs[0].tool.driver.version).toBe(version);
  });
});

describe('bin/keyward and V8\'s compile cache', () => {
  it('keeps it under $XDG_CACHE_HOME/keyward/compile-cache where node has module.enableCompileCache(), and writes nothing where not', () => {
    const h = home(FIXTURE_FILES);
    const cacheHome = path.join(h.root, 'cache');
    const run = spawnSync(process.execPath, [binKeyward, 'scan', '--format', 'json'], { env: { ...h.env, XDG_CACHE_HOME: cacheHome }, cwd: h.home, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const written = fs.existsSync(cacheHome) ? fs.readdirSync(cacheHome, { recursive: true }).map(String) : [];
    if (typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function') {
      expect(written.filter((f) => f.startsWith(path.join('keyward', 'compile-cache', 'v'))).length).toBeGreaterThan(1);
    } else {
      expect(written).toEqual([]);
    }
  });
});
