import { describe, expect, it } from 'vitest';
import { tlsVerificationDisabled } from '../../../src/rules/tls-verification-disabled.js';
import { HOME, sources, shell } from '../../support/rule-sources.js';
import type { TextFile } from '../../../src/rules/types.js';

const check = (kind: TextFile['kind'], name: string, text: string) =>
  tlsVerificationDisabled.check(sources({ texts: [{ path: `${HOME}/${name}`, kind, text }] }));

describe(tlsVerificationDisabled.id, () => {
  it.each([
    ['a CLI alias', 'alias', '.aws/cli/alias', '[toplevel]\nwhoami = sts get-caller-identity --no-verify-ssl\n', 2],
    ['a shell alias', 'shell', '.bashrc', "alias aws='aws --no-verify-ssl'\n", 1],
    ['NODE_TLS_REJECT_UNAUTHORIZED=0', 'shell', '.zshrc', 'export NODE_TLS_REJECT_UNAUTHORIZED=0\n', 1],
    ['quoted "0"', 'shell', '.zshrc', 'export NODE_TLS_REJECT_UNAUTHORIZED="0"\n', 1],
    ['PYTHONHTTPSVERIFY=0', 'env', '.env', 'PYTHONHTTPSVERIFY=0\n', 1],
    ['fish', 'fish', '.config/fish/config.fish', 'set -gx NODE_TLS_REJECT_UNAUTHORIZED 0\n', 1],
    ['~/.boto', 'boto', '.boto', '[Boto]\nhttps_validate_certificates = False\n', 2],
    ['~/.s3cfg', 's3cfg', '.s3cfg', '[default]\ncheck_ssl_certificate = False\n', 2],
  ] as const)('reports %s', (_name, kind, file, text, line) => {
    expect(check(kind, file, text)).toMatchObject([{ ruleId: 'tls-verification-disabled', severity: 'high', file: `${HOME}/${file}`, line }]);
  });

  it.each([
    ['a commented NODE_TLS_REJECT_UNAUTHORIZED=0', 'shell', '.bashrc', '# export NODE_TLS_REJECT_UNAUTHORIZED=0\n'],
    ['NODE_TLS_REJECT_UNAUTHORIZED=1', 'shell', '.bashrc', 'export NODE_TLS_REJECT_UNAUTHORIZED=1\n'],
    ['a commented alias', 'alias', '.aws/cli/alias', '[toplevel]\n# x = s3 ls --no-verify-ssl\n'],
    ['--no-verify-ssl-ish words', 'shell', '.bashrc', 'echo --no-verify-sslx\n'],
    ['https_validate_certificates = True', 'boto', '.boto', '[Boto]\nhttps_validate_certificates = True\n'],
    ['a commented boto switch', 'boto', '.boto', '[Boto]\n# https_validate_certificates = False\n'],
  ] as const)('ignores %s', (_name, kind, file, text) => {
    expect(check(kind, file, text)).toEqual([]);
  });

  it('is not fooled by shell() helper defaults', () => {
    expect(tlsVerificationDisabled.check(sources({ texts: shell('export PYTHONHTTPSVERIFY=0\n') }))).toHaveLength(1);
  });
});
