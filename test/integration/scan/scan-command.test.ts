import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import AjvDraft04 from 'ajv-draft-04';
import { main } from '../../../src/cli/main.js';
import { FIXTURE_FILES, FIXTURE_SECRETS } from '../../support/fixture-home.js';
import { makeHome, testContext } from '../../support/home.js';

async function runScan(files: Parameters<typeof makeHome>[0], args: string[], env: Record<string, string> = {}, isTTY = false) {
  const ctx = testContext(await makeHome(files), env, isTTY);
  const code = await main(['scan', ...args], ctx);
  return { code, out: ctx.stdout(), err: ctx.stderr() };
}

/** Every run of 8 characters of every fixture secret. */
function secretPieces(): string[] {
  const pieces = new Set<string>();
  for (const secret of FIXTURE_SECRETS) for (let i = 0; i + 8 <= secret.length; i++) pieces.add(secret.slice(i, i + 8));
  return [...pieces];
}

const CLEAN = { '.aws/config': '[default]\nregion = us-east-1\n' };

describe('keyward scan', () => {
  it.each(['text', 'json', 'sarif'])('never prints more of a secret than redacted evidence (%s)', async (format) => {
    const { out, err, code } = await runScan({ ...FIXTURE_FILES, '.aws/config': { text: FIXTURE_FILES['.aws/config'], mode: 0o644 } }, ['--format', format]);
    expect(code).toBe(1);
    const leaks = secretPieces().filter((piece) => out.includes(piece) || err.includes(piece));
    expect(leaks).toEqual([]);
  });

  // A short literal (a truncated or placeholder secret) is still reported, but redacted to '…':
  // four plus four characters of a 15-character value would show more than half of it.
  it.each(['text', 'json', 'sarif'])('prints nothing of a short secret in .env (%s)', async (format) => {
    const short = 'Zq7Wv2Xk9Jp3Rt5'; // 15 characters, one below redact's threshold
    const { out, err, code } = await runScan({ ...CLEAN, '.env': `AWS_SECRET_ACCESS_KEY=${short}\n` }, ['--format', format]);
    expect(code).toBe(1);
    expect(out).toContain('secret-in-environment-file');
    const pieces = Array.from({ length: short.length - 3 }, (_, i) => short.slice(i, i + 4));
    expect(pieces.filter((piece) => out.includes(piece) || err.includes(piece))).toEqual([]);
    if (format === 'json') {
      const findings = (JSON.parse(out) as { findings: { ruleId: string; evidence?: string }[] }).findings;
      expect(findings).toMatchObject([{ ruleId: 'secret-in-environment-file', evidence: '…' }]);
    }
  });

  it('prints the design §3 JSON shape, plus errors', async () => {
    const { out, code } = await runScan(FIXTURE_FILES, ['--format', 'json']);
    const report = JSON.parse(out) as Record<string, unknown>;
    expect(code).toBe(1);
    expect(Object.keys(report)).toEqual(['version', 'findings', 'summary', 'errors']);
    expect(report.summary).toEqual({ high: 11, medium: 1, low: 1, info: 0 });
    const first = (report.findings as Record<string, unknown>[]).find((f) => f.ruleId === 'plaintext-access-key');
    expect(Object.keys(first ?? {})).toEqual(['ruleId', 'severity', 'file', 'line', 'profile', 'message', 'remediation', 'evidence', 'fingerprint']);
  });

  it('writes SARIF that validates against the SARIF 2.1.0 schema and carries what GitHub needs', async () => {
    const require = createRequire(import.meta.url);
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as Record<string, unknown>;
    // The schema's `language` pattern is not valid with the u flag, which ajv uses by default.
    // A CommonJS module: under NodeNext its class is the `default` of the default import.
    const Ajv = AjvDraft04.default;
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    const { out } = await runScan({ ...FIXTURE_FILES, '.aws/credentials': '[a]\nx = 1\n[a]\n' }, ['--format', 'sarif']);
    const log = JSON.parse(out);
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(log.$schema).toBeTruthy();
    expect(run.tool.driver).toMatchObject({ name: 'keyward', version: expect.any(String), informationUri: expect.any(String) });
    expect(run.tool.driver.rules).toHaveLength(17);
    for (const rule of run.tool.driver.rules) {
      expect(rule).toMatchObject({ id: expect.any(String), shortDescription: { text: expect.any(String) }, fullDescription: { text: expect.any(String) }, help: { text: expect.any(String) }, defaultConfiguration: { level: expect.any(String) } });
    }
    for (const result of run.results) {
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\//);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
      expect(result.partialFingerprints['keyward/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(run.invocations[0].executionSuccessful).toBe(false);
  });

  it('exits 0 when nothing is at or above --fail-on, and prints "no findings"', async () => {
    const clean = await runScan(CLEAN, []);
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.out).toContain('no findings');
    const lowOnly = { '.aws/config': '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n' };
    expect((await runScan(lowOnly, [])).code).toBe(0);
    expect((await runScan(lowOnly, ['--fail-on', 'low'])).code).toBe(1);
    expect((await runScan(FIXTURE_FILES, ['--fail-on', 'high'])).code).toBe(1);
  });

  it('takes the default --fail-on from the policy', async () => {
    const lowOnly = { '.aws/config': '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n', '.config/keyward/config.ini': 'fail_on = low\n' };
    expect((await runScan(lowOnly, [])).code).toBe(1);
  });

  it('exits 2 when a file is refused or the policy is bad, and on bad flags', async () => {
    const refused = await runScan({ '.aws/config': 'region = x\n' }, []);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/error .*config:1: the AWS CLI refuses this file/);
    const badPolicy = await runScan({ '.config/keyward/config.ini': 'fail_on = never\n' }, []);
    expect(badPolicy.code).toBe(2);
    expect(badPolicy.err).toMatch(/config\.ini:1: fail_on must be/);
    expect((await runScan(CLEAN, ['--format', 'xml'])).code).toBe(2);
    expect((await runScan(CLEAN, ['--fail-on', 'severe'])).code).toBe(2);
    expect((await runScan(CLEAN, ['--bogus'])).code).toBe(2);
  });

  it('exits 2 with the line, like the AWS CLI refusing it, for invalid UTF-8 even in a comment', async () => {
    // botocore (Python's strict UTF-8 decoding) raises ConfigParseError for this file.
    const bytes = Buffer.concat([Buffer.from('[default]\nregion = x\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const result = await runScan({ '.aws/config': { text: bytes } }, ['--format', 'json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out).errors).toEqual([{ file: expect.stringMatching(/\/\.aws\/config$/), line: 3,
      message: 'the AWS CLI refuses this file: it is not valid UTF-8' }]);
  });

  it('prints help', async () => {
    const help = await runScan(CLEAN, ['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--fail-on');
  });

  it('colours severities only on a TTY, and not with NO_COLOR', async () => {
    expect((await runScan(FIXTURE_FILES, [], {}, false)).out).not.toContain('\x1b[');
    expect((await runScan(FIXTURE_FILES, [], {}, true)).out).toContain('\x1b[31;1mHIGH');
    expect((await runScan(FIXTURE_FILES, [], { NO_COLOR: '1' }, true)).out).not.toContain('\x1b[');
  });
});
