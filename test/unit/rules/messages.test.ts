// What each rule tells the user: the message, remediation and evidence of one finding per rule,
// pinned in a snapshot (test/unit/rules/__snapshots__). The per-rule tests check where a finding
// is; this checks what it says, so a changed or emptied text fails here and is reviewed in the
// snapshot diff. The evidence is redacted (AKIA…WXYZ), so no secret reaches the snapshot.
import { describe, expect, it } from 'vitest';
import { rules } from '../../../src/rules/index.js';
import type { Sources } from '../../../src/rules/types.js';
import * as fx from '../../support/fixture-home.js';
import { KEY_ID_3, SECRET_2, SECRET_3 } from '../../support/keys.js';
import { HOME, fileStat, sources } from '../../support/rule-sources.js';

const BUNDLE = '/tmp/corp-ca.pem';

function realisticHome(): Sources {
  const s = sources({
    config: `${fx.CONFIG}\n[profile fips]\nregion = us-east-1\nca_bundle = ${BUNDLE}\n` +
      '[profile kw]\ncredential_process = /usr/bin/keyward credential-process --profile kw\n' +
      '[profile tool]\ncredential_process = /tmp/get-creds --profile tool\n',
    credentials: fx.CREDENTIALS,
    texts: [
      { path: `${HOME}/.aws/cli/alias`, kind: 'alias', text: fx.ALIAS },
      { path: `${HOME}/.bashrc`, kind: 'shell', text: `${fx.BASHRC}\nexport AWS_ENDPOINT_URL=HTTP://minio.corp:9000\n` },
      { path: `${HOME}/.zshrc`, kind: 'shell', text: fx.ZSHRC },
      { path: `${HOME}/.env.local`, kind: 'env', text: `${fx.DOTENV}AWS_SECRET_ACCESS_KEY=short-one\n` },
      { path: `${HOME}/.boto`, kind: 'boto', text: '[Boto]\nhttps_validate_certificates = False\n' },
    ],
    patch: {
      keyAges: [{ profile: 'kw', account: 'kw', createdAt: '2025-01-01T00:00:00Z' }],
      caBundles: new Map([[BUNDLE, fileStat(0o666)]]),
      programs: new Map([['/tmp/get-creds', { path: '/tmp/get-creds', stat: fileStat(0o777), dirStat: fileStat(0o1777, 0, false) }]]),
      histories: [{ path: `${HOME}/.bash_history`, shell: 'bash', stat: fileStat(), bytesRead: 0,
        entries: [{ line: 7, lastLine: 7, text: `aws configure set aws_secret_access_key ${SECRET_2}` }] }],
      toolConfigs: [{ path: `${HOME}/.passwd-s3fs`, tool: 's3fs', lines: [`${KEY_ID_3}:${SECRET_3}`], stat: fileStat(0o644) },
        { path: `${HOME}/.config/rclone/rclone.conf`, tool: 'rclone', stat: fileStat(),
          lines: ['[backup]', 'type = s3', `access_key_id = ${KEY_ID_3}`, `secret_access_key = ${SECRET_3}`] },
        { path: `${HOME}/.mc/config.json`, tool: 'mc', stat: fileStat(),
          lines: JSON.stringify({ version: '10', aliases: { s3: { accessKey: KEY_ID_3, secretKey: SECRET_3 } } }, null, 2).split('\n') }],
    },
  });
  if (s.credentials) s.credentials = { ...s.credentials, stat: fileStat(0o644), gitWorkTree: `${HOME}/dotfiles` };
  return s;
}

describe('rule messages', () => {
  it('every rule reports on the realistic home, with the texts in the snapshot', () => {
    const s = realisticHome();
    const said = rules.map((rule) => {
      const found = rule.check(s);
      return { ruleId: rule.id, count: found.length, findings: found.map((f) => ({
        line: f.line, profile: f.profile, key: f.key, message: f.message, remediation: f.remediation, evidence: f.evidence,
      })) };
    });
    const silent = said.filter((r) => r.count === 0).map((r) => r.ruleId);
    expect(silent).toEqual([]);
    for (const text of JSON.stringify(said).match(/AKIA[A-Z2-7]{16}|[A-Za-z0-9/+]{40}/g) ?? []) expect.fail(`unredacted: ${text.slice(0, 4)}…`);
    expect(said).toMatchSnapshot();
  });
});
