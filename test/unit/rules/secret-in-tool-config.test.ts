import { describe, expect, it } from 'vitest';
import { insecureFilePermissions } from '../../../src/rules/insecure-file-permissions.js';
import { mcKeys, rcloneKeys, s3fsKeys, secretInToolConfig } from '../../../src/rules/secret-in-tool-config.js';
import type { ToolConfigFile } from '../../../src/sources/types.js';
import { HOME, fileStat, sources } from '../../support/rule-sources.js';
import { EXAMPLE_KEY_ID as EXAMPLE_ID, KEY_ID, SECRET } from '../../support/keys.js';


function tool(kind: ToolConfigFile['tool'], text: string, mode = 0o600): ToolConfigFile {
  const name = { s3fs: '.passwd-s3fs', rclone: '.config/rclone/rclone.conf', mc: '.mc/config.json' }[kind];
  return { path: `${HOME}/${name}`, tool: kind, lines: text.split('\n'), stat: fileStat(mode) };
}

function check(file: ToolConfigFile) {
  return secretInToolConfig.check(sources({ patch: { toolConfigs: [file] } }));
}

describe('secret-in-tool-config: s3fs', () => {
  it('reports AKID:SECRET and bucket:AKID:SECRET with their lines', () => {
    const findings = check(tool('s3fs', `# s3fs\n${KEY_ID}:${SECRET}\nmybucket:${KEY_ID}:${SECRET}\n`));
    expect(findings.map((f) => [f.line, f.evidence, f.severity])).toEqual([[2, 'AKIA…ZAM2', 'high'], [3, 'AKIA…ZAM2', 'high']]);
    expect(findings[0]?.remediation).toContain('AWS_ACCESS_KEY_ID');
    expect(JSON.stringify(findings)).not.toContain(SECRET);
  });

  it.each([
    ['a comment', `# ${KEY_ID}:${SECRET}`],
    ['a MinIO key', 'minioadmin:minioadmin'],
    ['a Wasabi-style key', `ABCDEFGHIJKLMNOPQRST:${SECRET}`],
    ['the AWS example', `${EXAMPLE_ID}:${SECRET}`],
    ['no secret', `${KEY_ID}:`],
    ['too many fields', `a:b:${KEY_ID}:${SECRET}`],
    ['a commented bucket line', `#mybucket:${KEY_ID}:${SECRET}`],
    ['an indented comment', `  # mybucket:${KEY_ID}:${SECRET}`],
    ['a key ID alone', KEY_ID],
    ['a blank secret', `mybucket:${KEY_ID}:   `],
    ['a key ID inside a longer word', `${KEY_ID}-old:${SECRET}`],
  ])('ignores %s', (_name, text) => {
    expect(check(tool('s3fs', text))).toEqual([]);
  });

  it('reads fields with blanks around them, and reports the key ID itself', () => {
    const findings = check(tool('s3fs', `\n  mybucket : ${KEY_ID} : ${SECRET}  \n`));
    expect(findings.map((f) => [f.line, f.evidence, f.key])).toEqual([[2, 'AKIA…ZAM2', 's3fs:AKIA…ZAM2']]);
  });
});

describe('secret-in-tool-config: rclone', () => {
  const remote = (body: string, name = 's3'): string => `[${name}]\ntype = s3\nprovider = AWS\n${body}\n`;

  it('reports an S3 remote with a stored AWS key, at its access_key_id line, naming env_auth', () => {
    const [finding, ...rest] = check(tool('rclone', remote(`access_key_id = ${KEY_ID}\nsecret_access_key = ${SECRET}\nregion = eu-west-1`, 'backup')));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 4, evidence: 'AKIA…ZAM2' });
    expect(finding?.message).toContain("'backup'");
    expect(finding?.remediation).toContain("rclone config update 'backup' env_auth true");
  });

  it('reports keys even when env_auth is on (rclone ignores it while keys are set)', () => {
    expect(check(tool('rclone', remote(`env_auth = true\naccess_key_id = ${KEY_ID}\nsecret_access_key = ${SECRET}`)))).toHaveLength(1);
  });

  it.each([
    ['an env_auth remote', remote('env_auth = true')],
    ['an env_auth remote with empty keys', remote('env_auth = true\naccess_key_id =\nsecret_access_key =')],
    ['another backend', `[drive]\ntype = drive\naccess_key_id = ${KEY_ID}\nsecret_access_key = ${SECRET}\n`],
    ['a MinIO key', remote(`access_key_id = minioadmin\nsecret_access_key = minioadmin`)],
    ['a commented key', remote(`# access_key_id = ${KEY_ID}\n# secret_access_key = ${SECRET}`)],
    ['an encrypted config', '# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\nabcdef'],
    ['a key ID without a secret line', remote(`access_key_id = ${KEY_ID}`)],
    ['a key ID with an empty secret', remote(`access_key_id = ${KEY_ID}\nsecret_access_key =`)],
    ['a remote without a type', `[s3]\naccess_key_id = ${KEY_ID}\nsecret_access_key = ${SECRET}\n`],
    ['a line with no separator', remote(`access_key_id = ${KEY_ID}\nsecret_access_keys`)],
    ['keys before any remote', `access_key_id = ${KEY_ID}\nsecret_access_key = ${SECRET}\n`],
  ])('ignores %s', (_name, text) => {
    expect(check(tool('rclone', text))).toEqual([]);
  });

  // goconfig, rclone's INI reader, takes `:` as well as `=`; lines and headers may be indented.
  it('reads `key: value` lines and indented remotes', () => {
    const text = `  [backup]\n  type: s3\n  access_key_id: ${KEY_ID}\n  secret_access_key: ${SECRET}\n`;
    expect(check(tool('rclone', text)).map((f) => [f.line, f.key])).toEqual([[3, 'rclone:backup']]);
  });

  it('keeps a remote open across a value or a broken line that looks like half a header', () => {
    const text = remote(`endpoint = [::1]\n[not a header\naccess_key_id = ${KEY_ID}\nsecret_access_key = ${SECRET}`, 'local');
    expect(check(tool('rclone', text)).map((f) => [f.line, f.key])).toEqual([[6, 'rclone:local']]);
  });

  it('reports each remote under its own name, one finding each', () => {
    const keys = `access_key_id = ${KEY_ID}\nsecret_access_key = ${SECRET}`;
    const findings = check(tool('rclone', remote(keys, 'a') + remote('env_auth = true', 'b') + remote(keys, 'c')));
    expect(findings.map((f) => [f.line, f.key])).toEqual([[4, 'rclone:a'], [13, 'rclone:c']]);
  });

  // The remediation is a command to paste: the name is shell-quoted, and control characters never reach the terminal.
  it('quotes the remote name for the shell and shows control characters as ?', () => {
    const keys = `access_key_id = ${KEY_ID}\nsecret_access_key = ${SECRET}`;
    const [quote] = check(tool('rclone', remote(keys, "bob's")));
    expect(quote?.remediation).toContain(`rclone config update 'bob'\\''s' env_auth true`);
    const [control] = check(tool('rclone', remote(keys, 'a\u001b[2Jb')));
    expect(control?.message).toBe("The rclone S3 remote 'a?[2Jb' stores an AWS access key and its secret in plain text.");
  });
});

describe('secret-in-tool-config: mc', () => {
  const config = (aliases: Record<string, unknown>, key = 'aliases'): string =>
    JSON.stringify({ version: '10', [key]: aliases }, null, '\t');

  it('reports an alias holding an AWS key, at its accessKey line', () => {
    const text = config({ local: { url: 'http://localhost:9000', accessKey: 'minioadmin', secretKey: 'minioadmin' },
      s3: { url: 'https://s3.amazonaws.com', accessKey: KEY_ID, secretKey: SECRET, api: 'S3v4', path: 'dns' } });
    const [finding, ...rest] = check(tool('mc', text));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 11, evidence: 'AKIA…ZAM2' });
    expect(finding?.message).toContain("'s3'");
    expect(finding?.remediation).toContain('AWS_ACCESS_KEY_ID');
  });

  it('reads the older `hosts` key', () => {
    expect(check(tool('mc', config({ s3: { accessKey: KEY_ID, secretKey: SECRET } }, 'hosts')))).toHaveLength(1);
  });

  it.each([
    ['empty keys', config({ s3: { url: 'https://s3.amazonaws.com', accessKey: '', secretKey: '' } })],
    ['the example', config({ s3: { accessKey: EXAMPLE_ID, secretKey: SECRET } })],
    ['invalid JSON', `{"aliases": {"s3": {"accessKey": "${KEY_ID}", `],
    ['not an object', '[]'],
    ['null', 'null'],
    ['null hosts', '{"version": "9", "hosts": null}'],
    ['an empty secret', config({ s3: { accessKey: KEY_ID, secretKey: '' } })],
    ['a secret that is not a string', config({ s3: { accessKey: KEY_ID, secretKey: null } })],
    ['a key that is not a string', config({ s3: { accessKey: [KEY_ID, ...Array<string>(19).fill('x')], secretKey: SECRET } })],
    ['a key ID inside a longer value', config({ s3: { accessKey: `${KEY_ID}-old`, secretKey: SECRET } })],
    // mc cannot read it either: a raw line break inside a JSON string.
    ['a line break inside a string', `{"aliases": {"s3": {"accessKey": "${KEY_ID}", "secretKey": "${SECRET.slice(0, 20)}\n${SECRET.slice(20)}"}}}`],
  ])('ignores %s', (_name, text) => {
    expect(check(tool('mc', text))).toEqual([]);
  });

  // JSON may spell the key with escapes; it is still the key mc uses, shown at the file's first line.
  it('reports a key ID written with JSON escapes', () => {
    const escaped = `\\u00${KEY_ID.charCodeAt(0).toString(16)}${KEY_ID.slice(1)}`;
    const text = `{"aliases": {"s3": {\n"accessKey": "${escaped}", "secretKey": "${SECRET}"}}}`;
    expect(check(tool('mc', text)).map((f) => [f.line, f.evidence])).toEqual([[1, 'AKIA…ZAM2']]);
  });

  it('skips aliases that are not objects and reads the rest', () => {
    const text = config({ broken: null, old: 'gone', s3: { accessKey: KEY_ID, secretKey: SECRET } });
    expect(check(tool('mc', text)).map((f) => f.key)).toEqual(['mc:s3']);
  });

  it('points each alias sharing a key at its own line, and names the file in the remediation', () => {
    const text = config({ s3: { accessKey: KEY_ID, secretKey: SECRET }, backup: { accessKey: KEY_ID, secretKey: SECRET } });
    const findings = check(tool('mc', text));
    expect(findings.map((f) => [f.line, f.key])).toEqual([[5, 'mc:s3'], [9, 'mc:backup']]);
    expect(findings[0]?.remediation).toContain(`in ${HOME}/.mc/config.json:`);
  });

  it('is silent when no tool file was read', () => {
    expect(secretInToolConfig.check(sources({}))).toEqual([]);
  });

  it('exports the three readers', () => {
    expect([s3fsKeys([]), rcloneKeys([]), mcKeys([])]).toEqual([[], [], []]);
  });
});

describe('insecure-file-permissions on tool files', () => {
  it('is high for a readable file holding a key, low for one without, silent at 0600', () => {
    const holding = tool('s3fs', `${KEY_ID}:${SECRET}`, 0o644);
    const empty = { ...tool('rclone', '[x]\ntype = s3\nenv_auth = true', 0o640) };
    const safe = tool('mc', '{}', 0o600);
    const findings = insecureFilePermissions.check(sources({ patch: { toolConfigs: [holding, empty, safe] } }));
    expect(findings.map((f) => [f.file, f.severity])).toEqual([[holding.path, 'high'], [empty.path, 'low']]);
    expect(findings[0]?.remediation).toBe(`Run \`chmod 600 '${holding.path}'\`.`);
  });
});
