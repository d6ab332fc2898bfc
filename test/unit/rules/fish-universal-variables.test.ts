import { describe, expect, it } from 'vitest';
import { secretInEnvironmentFile, universalVariable } from '../../../src/rules/secret-in-environment-file.js';
import { secretInFreeText } from '../../../src/rules/secret-in-free-text.js';
import { HOME, sources } from '../../support/rule-sources.js';
import { KEY_ID, SECRET } from '../../support/keys.js';

const PATH = `${HOME}/.config/fish/fish_variables`;
/** fish writes every character but letters, digits, `/` and `_` as \xHH. */
const escaped = (value: string): string => value.replace(/[^A-Za-z0-9/_]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`);

function check(text: string) {
  return secretInEnvironmentFile.check(sources({ texts: [{ path: PATH, kind: 'fish-variables', text }] }));
}

describe('fish universal variables (secret-in-environment-file)', () => {
  const file = [
    '# This file contains fish universal variable definitions.',
    '# VERSION: 3.0',
    'SETUVAR __fish_initialized:3400',
    `SETUVAR --export AWS_ACCESS_KEY_ID:${KEY_ID}`,
    `SETUVAR --export AWS_SECRET_ACCESS_KEY:${escaped(`${SECRET.slice(0, 30)}+=${SECRET.slice(32)}`)}`,
    'SETUVAR fish_user_paths:\\x2fhome\\x2fu\\x2f\\x2elocal\\x2fbin',
  ].join('\n');

  it('reports the AWS credential variables, decoded and redacted', () => {
    const findings = check(file);
    expect(findings.map((f) => [f.line, f.key, f.evidence])).toEqual([
      [4, 'AWS_ACCESS_KEY_ID', 'AKIA…ZAM2'], [5, 'AWS_SECRET_ACCESS_KEY', 'Jx8k…mN4o']]);
    expect(findings[1]?.message).toContain('fish universal variable');
    expect(findings[1]?.remediation).toContain('set -Ue AWS_SECRET_ACCESS_KEY');
  });

  it('reports a universal variable that is not exported too, and leaves other variables alone', () => {
    expect(check(`SETUVAR AWS_SESSION_TOKEN:abcdefghijklmnopqrstuvwxyz\nSETUVAR --export EDITOR:vim`)).toHaveLength(1);
    expect(check('SETUVAR --export AWS_SECRET_ACCESS_KEY:')).toEqual([]);
  });

  it('is not also secret-in-free-text', () => {
    const free = secretInFreeText.check(sources({ texts: [{ path: PATH, kind: 'fish-variables', text: file }] }));
    expect(free).toEqual([]);
  });

  it('parses SETUVAR lines with flags and escapes', () => {
    expect(universalVariable('SETUVAR --export --path P:a\\x3ab\\u00e9')).toEqual({ name: 'P', value: 'a:bé' });
    expect(universalVariable('set -Ux X y')).toBeUndefined();
    expect(universalVariable(`SETUVAR ${'-- '.repeat(300_000)}`)).toBeUndefined();
  });
});
