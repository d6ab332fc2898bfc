import { describe, expect, it } from 'vitest';
import { secretInEnvironmentFile } from '../../../src/rules/secret-in-environment-file.js';
import { KEY_ID, SECRET, TOKEN } from '../../support/keys.js';
import { HOME, sources, shell } from '../../support/rule-sources.js';

const check = (text: string, name = '.bashrc') => secretInEnvironmentFile.check(sources({ texts: shell(text, name) }));

describe(secretInEnvironmentFile.id, () => {
  it.each([
    ['export', `export AWS_SECRET_ACCESS_KEY=${SECRET}`, '.bashrc'],
    ['double quotes', `export AWS_ACCESS_KEY_ID="${KEY_ID}"`, '.zshrc'],
    ['single quotes', `AWS_SESSION_TOKEN='${TOKEN}'`, '.profile'],
    ['declare -x', `declare -x AWS_SECRET_ACCESS_KEY=${SECRET}`, '.bash_profile'],
    ['dotenv', `AWS_SECRET_ACCESS_KEY=${SECRET}`, '.env'],
    ['dotenv variant', `AWS_ACCESS_KEY_ID=${KEY_ID}`, '.env.local'],
    ['fish set -gx', `set -gx AWS_SECRET_ACCESS_KEY ${SECRET}`, 'config.fish'],
    ['inline before a command', `AWS_SECRET_ACCESS_KEY=${SECRET} aws s3 ls`, '.zshenv'],
  ])('reports %s', (_name, text, file) => {
    const found = check(`# header\n${text}\n`, file);
    expect(found).toMatchObject([{ ruleId: 'secret-in-environment-file', severity: 'high', file: `${HOME}/${file}`, line: 2 }]);
    expect(found[0]?.evidence).toMatch(/^.{4}….{4}$/);
  });

  it.each([
    ['a command substitution', 'export AWS_SECRET_ACCESS_KEY=$(pass show aws/secret)'],
    ['a variable', 'export AWS_SECRET_ACCESS_KEY="${MY_SECRET}"'],
    ['backticks', 'export AWS_SECRET_ACCESS_KEY=`cat ~/.secret`'],
    ['a commented line (secret-in-free-text instead)', `# export AWS_SECRET_ACCESS_KEY=${SECRET}`],
    ['an empty value', 'export AWS_SECRET_ACCESS_KEY='],
    ['another variable', `export MY_AWS_SECRET_ACCESS_KEY_NAME=${SECRET}`],
    ['unset', 'unset AWS_SECRET_ACCESS_KEY'],
  ])('ignores %s', (_name, text) => {
    expect(check(`${text}\n`)).toEqual([]);
  });
});
