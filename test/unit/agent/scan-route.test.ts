import { describe, expect, it } from 'vitest';
import { SCAN_END, SCAN_FINDINGS_STATUS } from '../../../src/agent/paths.js';
import { declineReason, mentionsRelativePath, parseScanRequest } from '../../../src/agent/scan-route.js';
import { cliScript } from '../../../src/launcher/cli-script.js';

const body = (args: string[], env: string[], end = true): string => [...args, ...env, ...(end ? [SCAN_END] : [])].map((p) => `${p}\0`).join('');

describe('parseScanRequest', () => {
  it('splits the arguments (argc of them, scan first) from the environment, values kept whole', () => {
    expect(parseScanRequest(body(['scan', '--format', 'json', ''], ['HOME=/h', 'A=b=c', 'MULTI=x\ny']), '4'))
      .toEqual({ args: ['--format', 'json', ''], env: { HOME: '/h', A: 'b=c', MULTI: 'x\ny' } });
  });

  it('refuses a body without the END marker (env -0 failed midway), another command, or a bad argc', () => {
    expect(parseScanRequest(body(['scan'], ['HOME=/h'], false), '1')).toMatch(/END/);
    expect(parseScanRequest(body(['status'], ['HOME=/h']), '1')).toMatch(/only scan/);
    for (const argc of [null, '0', '-1', '1.5', '65', 'x']) expect(parseScanRequest(body(['scan'], []), argc)).toMatch(/argc/);
    expect(parseScanRequest(body(['scan', 'a', 'b'], []), '5')).toMatch(/END/);
  });
});

describe('declineReason', () => {
  const env = { HOME: '/home/u', PWD: '/elsewhere', PATH: '/usr/bin:/bin', AWS_CONFIG_FILE: '/nonexistent/c', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/k' };

  it('answers a caller whose paths are all absolute, from any directory', () => {
    expect(declineReason(['--format', 'json'], env, '/daemon')).toBeUndefined();
  });

  it('declines --debug, a relative or missing HOME, a relative path variable or PATH entry in another directory', () => {
    expect(declineReason(['--debug'], env, '/daemon')).toBe('--debug');
    expect(declineReason([], { ...env, HOME: 'rel' }, '/daemon')).toMatch(/HOME/);
    expect(declineReason([], { ...env, HOME: '' }, '/daemon')).toMatch(/HOME/);
    expect(declineReason([], { ...env, AWS_CONFIG_FILE: 'aws/config' }, '/daemon')).toMatch(/AWS_CONFIG_FILE is relative/);
    expect(declineReason([], { ...env, KEYWARD_FLEET_POLICY: './p.ini' }, '/daemon')).toMatch(/KEYWARD_FLEET_POLICY/);
    expect(declineReason([], { ...env, PATH: '/usr/bin::/bin' }, '/daemon')).toMatch(/PATH/);
    expect(declineReason([], { ...env, PATH: '.:/bin' }, '/daemon')).toMatch(/PATH/);
  });

  it('answers relative paths when the caller works in the daemon\'s own directory (they resolve alike)', () => {
    expect(declineReason([], { ...env, PWD: '/daemon', AWS_CONFIG_FILE: 'aws/config', PATH: '.:/bin' }, '/daemon')).toBeUndefined();
  });
});

describe('mentionsRelativePath', () => {
  it('flags a relative ca_bundle or a credential_process program given by a relative path', () => {
    expect(mentionsRelativePath('[default]\nca_bundle = certs/corp.pem\n')).toBe(true);
    expect(mentionsRelativePath('[default]\nCA_BUNDLE: corp.pem\n')).toBe(true);
    expect(mentionsRelativePath('[p]\ncredential_process = ./bin/creds --x\n')).toBe(true);
    expect(mentionsRelativePath('[p]\ncredential_process = "bin/my creds" --x\n')).toBe(true);
    expect(mentionsRelativePath('[p]\ncredential_process =\n')).toBe(true);
  });

  it('passes absolute and ~ paths, quoted ones, and a bare program looked up on PATH', () => {
    expect(mentionsRelativePath('[default]\nca_bundle = /etc/ssl/corp.pem\n\tca_bundle = ~/corp.pem\n')).toBe(false);
    expect(mentionsRelativePath("[p]\ncredential_process = '/home/u/.local/share/keyward/bin/keyward-credential-process' --profile p\n")).toBe(false);
    expect(mentionsRelativePath('[p]\ncredential_process = aws-vault export --format=json p\n')).toBe(false);
    expect(mentionsRelativePath('[p]\nregion = us-east-1\n# ca_bundle mentioned in a comment = x\n')).toBe(false);
  });
});

describe('the installed script and the route agree', () => {
  it('on the END marker and the status that stands for exit 1', () => {
    const script = cliScript('/usr/bin/node', '/v/dist/keyward.mjs', { napi: 9 });
    expect(script).toContain(`printf '%s\\0' ${SCAN_END}`);
    expect(script).toContain(`      200|${SCAN_FINDINGS_STATUS}) cat "$kw_tmp"`);
  });
});
