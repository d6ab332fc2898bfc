import { describe, expect, it } from 'vitest';
import { unsafeCredentialProcess } from '../../../src/rules/unsafe-credential-process.js';
import { CONFIG, fileStat, sources } from '../../support/rule-sources.js';
import type { ProgramInfo } from '../../../src/rules/types.js';

const safe = (path: string): ProgramInfo => ({ path, stat: fileStat(0o755, 0), dirStat: fileStat(0o755, 0, false) });

function check(line: string, programs: Record<string, ProgramInfo> = {}) {
  const patch = { programs: new Map(Object.entries(programs)) };
  return unsafeCredentialProcess.check(sources({ config: `[profile dev]\nregion = x\ncredential_process = ${line}\n`, patch }));
}

describe(unsafeCredentialProcess.id, () => {
  it.each([
    ['a group-writable program', '/opt/bin/creds --json', { '/opt/bin/creds': { ...safe('/opt/bin/creds'), stat: fileStat(0o775, 0) } }, 'other users can modify'],
    ['a program in a world-writable directory', '/srv/tools/creds', { '/srv/tools/creds': { ...safe('/srv/tools/creds'), dirStat: fileStat(0o777, 0, false) } }, 'directory other users can write'],
    ['a program owned by another user', '/opt/bin/creds', { '/opt/bin/creds': { ...safe('/opt/bin/creds'), stat: fileStat(0o755, 4242) } }, 'other users can modify'],
    ['a relative path', './bin/creds', {}, 'relative path'],
    ['a ~ path', '~/bin/creds', {}, 'does not expand ~'],
    ['a missing program', '/opt/bin/nothing', {}, 'does not exist'],
    ['a bare name not on PATH', 'nothing-here --x', {}, 'does not exist on PATH'],
    ['unbalanced quotes', '"/opt/bin/creds --json', {}, 'cannot be split'],
  ])('reports %s', (_name, line, programs, text) => {
    const found = check(line, programs);
    expect(found).toMatchObject([{ ruleId: 'unsafe-credential-process', severity: 'high', file: CONFIG, line: 3, profile: 'dev' }]);
    expect(found[0]?.message).toContain(text);
  });

  it.each([
    ['a root-owned program', '/usr/bin/aws-vault export --format=json dev', { '/usr/bin/aws-vault': safe('/usr/bin/aws-vault') }],
    ['a quoted path with spaces', "'/opt/my tools/creds' --profile 'a b'", { '/opt/my tools/creds': safe('/opt/my tools/creds') }],
    ['a bare name found on PATH', 'aws-vault export dev', { 'aws-vault': safe('/usr/local/bin/aws-vault') }],
    ['a program in a sticky root-owned directory', '/tmp/creds', { '/tmp/creds': { ...safe('/tmp/creds'), stat: fileStat(0o700, 1000), dirStat: fileStat(0o1777, 0, false) } }],
  ])('accepts %s', (_name, line, programs) => {
    expect(check(line, programs)).toEqual([]);
  });
});
