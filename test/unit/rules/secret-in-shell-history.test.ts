import { describe, expect, it } from 'vitest';
import { commandCredentials, secretInShellHistory, shellWords } from '../../../src/rules/secret-in-shell-history.js';
import type { HistoryFile } from '../../../src/sources/types.js';
import { HOME, fileStat, sources } from '../../support/rule-sources.js';
import { EXAMPLE_KEY_ID as EXAMPLE_ID, EXAMPLE_SECRET, KEY_ID, SECRET, TOKEN } from '../../support/keys.js';


function history(shell: HistoryFile['shell'], commands: string[], name = `.${shell}_history`): HistoryFile {
  return { path: `${HOME}/${name}`, shell, stat: fileStat(), bytesRead: 0,
    entries: commands.map((text, i) => ({ line: i + 1, lastLine: i + 1, text })) };
}

function check(shell: HistoryFile['shell'], ...commands: string[]) {
  return secretInShellHistory.check(sources({ patch: { histories: [history(shell, commands)] } }));
}

describe('secret-in-shell-history', () => {
  it.each([
    ['aws configure set', `aws configure set aws_secret_access_key ${SECRET}`],
    ['aws configure set with a profile', `aws configure set --profile dev aws_secret_access_key '${SECRET}'`],
    ['aws configure set profile.x.key', `aws configure set profile.dev.aws_secret_access_key ${SECRET}`],
    ['export', `export AWS_SECRET_ACCESS_KEY=${SECRET}`],
    ['a one-command assignment', `AWS_SECRET_ACCESS_KEY="${SECRET}" aws s3 ls`],
    ['env', `env AWS_SECRET_ACCESS_KEY=${SECRET} terraform plan`],
    ['fish set -gx', `set -gx AWS_SECRET_ACCESS_KEY ${SECRET}`],
    ['a keyword anywhere', `curl -H "x-secret: ${SECRET}" https://example.com`],
  ])('reports a secret given by %s', (_name, command) => {
    const [finding, ...rest] = check('bash', 'ls -la', command);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'secret-in-shell-history', severity: 'high', line: 2, evidence: 'Jx8k…mN4o' });
    expect(finding?.message).toContain('secret access key');
    expect(JSON.stringify(finding)).not.toContain(SECRET);
  });

  it('reports a secret assigned to an AWS_* variable even without mixed case (named context)', () => {
    const lower = 'abcdefghijklmnopqrstuvwxyz/abcdefghijklm';
    expect(check('bash', `export AWS_SECRET_ACCESS_KEY=${lower}`)).toHaveLength(1);
  });

  it('reports a session token and the key IDs in the same command', () => {
    const findings = check('zsh', `export AWS_ACCESS_KEY_ID=${KEY_ID} AWS_SECRET_ACCESS_KEY=${SECRET} AWS_SESSION_TOKEN=${TOKEN}`);
    expect(findings.map((f) => f.evidence).sort()).toEqual(['AKIA…ZAM2', 'IQoJ…iJ0k', 'Jx8k…mN4o']);
    expect(findings.find((f) => f.evidence === 'IQoJ…iJ0k')?.message).toContain('session token');
  });

  it('reports one finding per secret and file, at its first command, counting the others', () => {
    const findings = check('bash', `export AWS_SECRET_ACCESS_KEY=${SECRET}`, 'ls', `export AWS_SECRET_ACCESS_KEY=${SECRET}`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 1 });
    expect(findings[0]?.message).toContain('2 commands');
  });

  it.each([
    ['a key ID alone', `aws iam delete-access-key --access-key-id ${KEY_ID}`],
    ['the documentation examples', `aws configure set aws_access_key_id ${EXAMPLE_ID} && aws configure set aws_secret_access_key ${EXAMPLE_SECRET}`],
    ['$(…)', 'export AWS_SECRET_ACCESS_KEY=$(pass show aws/secret)'],
    ['${VAR}', 'export AWS_SECRET_ACCESS_KEY=${MY_SECRET}'],
    ['fish (…)', 'set -gx AWS_SECRET_ACCESS_KEY (pass show aws/secret)'],
    ['"$VAR"', 'aws configure set aws_secret_access_key "$SECRET_FROM_VAULT"'],
    ['a hex hash', `git show --secret ${'0123456789abcdef'.repeat(2)}01234567`],
    ['a 39-character value', `export AWS_SECRET_ACCESS_KEY=${SECRET.slice(1)}`],
    ['a 41-character value', `export AWS_SECRET_ACCESS_KEY=${SECRET}x`],
    ['a long path', 'cd /home/alice/projects/keyward/node_modules/typescript/lib'],
    ['a 40-character run with no keyword', `echo ${SECRET}`],
    ['another variable', `export MY_VALUE=${SECRET}`],
    ['a filler', `export AWS_SECRET_ACCESS_KEY=${'x'.repeat(40)}`],
  ])('ignores %s', (_name, command) => {
    expect(check('bash', command)).toEqual([]);
  });

  it('reports a zsh multi-line command at its first line and deletes all its lines', () => {
    const file: HistoryFile = { ...history('zsh', []), entries: [{ line: 3, lastLine: 5,
      text: `aws configure set \\\n  aws_access_key_id ${KEY_ID}\naws configure set aws_secret_access_key \\\n  ${SECRET}` }] };
    const findings = secretInShellHistory.check(sources({ patch: { histories: [file] } }));
    expect(findings.map((f) => f.line)).toEqual([3, 3]);
    expect(findings[0]?.remediation).toContain(`sed -i '3,5d' '${HOME}/.zsh_history'`);
  });

  it('says per shell how to delete the entry, and to rotate the key', () => {
    const command = `export AWS_SECRET_ACCESS_KEY=${SECRET}`;
    const [bash] = check('bash', command);
    const [fish] = check('fish', `set -x AWS_SECRET_ACCESS_KEY ${SECRET}`);
    expect(bash?.remediation).toContain('exposed in plain text');
    expect(bash?.remediation).toContain(`sed -i '1d' '${HOME}/.bash_history'`);
    expect(bash?.remediation).toContain('history -c; history -r');
    expect(bash?.remediation).toContain('keyward rotate');
    expect(fish?.remediation).toContain('history delete');
    expect(fish?.remediation).toContain('rotate');
  });

  it('single-quotes the history path in the command it prints', () => {
    const file = { ...history('bash', [`export AWS_SECRET_ACCESS_KEY=${SECRET}`]), path: `${HOME}/it's history` };
    const [finding] = secretInShellHistory.check(sources({ patch: { histories: [file] } }));
    expect(finding?.remediation).toContain(`'${HOME}/it'\\''s history'`);
  });

  it('has no input in hand-built sources without histories', () => {
    expect(secretInShellHistory.check(sources({}))).toEqual([]);
  });
});

describe('shellWords', () => {
  it('removes quotes, applies escapes and marks computed words', () => {
    expect(shellWords(`a 'b c' "d \\"e\\"" f\\ g $(x) "\${Y}" 'lit$eral';h|i`)).toEqual([
      { value: 'a', computed: false }, { value: 'b c', computed: false }, { value: 'd "e"', computed: false },
      { value: 'f g', computed: false }, { value: '$', computed: true }, { value: 'x', computed: false },
      { value: '${Y}', computed: true }, { value: 'lit$eral', computed: false }, { value: 'h', computed: false },
      { value: 'i', computed: false },
    ]);
  });

  it('joins backslash-newline continuations', () => {
    expect(shellWords('aws \\\n  s3').map((w) => w.value)).toEqual(['aws', 's3']);
  });
});

describe('commandCredentials on crafted 1 MB commands', () => {
  // No timing is asserted: a quadratic scan would blow the test timeout by hours.
  it.each([
    ['configure set repeated', 'aws configure set '.repeat(60_000)],
    ['set - - - repeated', `set ${'- '.repeat(500_000)}`],
    ['unterminated quotes', `"'`.repeat(500_000)],
    ['one long run', 'A'.repeat(1 << 20)],
    ['many key IDs and keywords', `secret ${`${KEY_ID} `.repeat(50_000)}`],
    ['AWS_ assignments', 'AWS_X=AWS_Y= '.repeat(80_000)],
  ])('%s', (_name, text) => {
    expect(Array.isArray(commandCredentials(text))).toBe(true);
  });
});
