// Where the AWS CLI finds its files: botocore's expandvars then expanduser on the variables.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configPath, credentialsPath, expandPath } from '../../../src/awsconfig/paths.js';

const HOME = '/home/u';

describe(expandPath.name, () => {
  it.each([
    ['$HOME/x', { HOME: '/h' }, '/h/x'],
    ['${HOME}/x', { HOME: '/h' }, '/h/x'],
    ['$A$B', { A: '1', B: '2' }, '12'],
    ['${A}b', { A: '1' }, '1b'],
    ['$A_1/c', { A_1: 'v' }, 'v/c'],
    ['$UNSET/x', {}, '$UNSET/x'],
    ['${UNSET}/x', {}, '${UNSET}/x'],
    ['$', {}, '$'],
    ['~', {}, HOME],
    ['~/a/b', {}, `${HOME}/a/b`],
    ['~user/a', {}, '~user/a'],
    ['a/~/b', {}, 'a/~/b'],
    ['$D/c', { D: '~' }, HOME + '/c'],
    ['/abs/file', {}, '/abs/file'],
  ])('%s with %j is %s', (value, env, expanded) => {
    expect(expandPath(value, env, HOME)).toBe(expanded);
  });
});

describe('configPath and credentialsPath', () => {
  it('default to ~/.aws/config and ~/.aws/credentials', () => {
    expect(configPath({}, HOME)).toBe(`${HOME}/.aws/config`);
    expect(credentialsPath({}, HOME)).toBe(`${HOME}/.aws/credentials`);
    expect(configPath({ AWS_CONFIG_FILE: '' }, HOME)).toBe(`${HOME}/.aws/config`);
  });

  it('honour their variables, expanded and made absolute', () => {
    const env = { AWS_CONFIG_FILE: '~/cfg', AWS_SHARED_CREDENTIALS_FILE: '$X/creds', X: '/etc/aws' };
    expect(configPath(env, HOME)).toBe(`${HOME}/cfg`);
    expect(credentialsPath(env, HOME)).toBe('/etc/aws/creds');
    expect(configPath({ AWS_CONFIG_FILE: 'rel/config' }, HOME)).toBe(path.resolve('rel/config'));
    expect(credentialsPath({ AWS_CONFIG_FILE: '/x' }, HOME)).toBe(`${HOME}/.aws/credentials`);
  });
});
