// The credential_process line and the launcher script, as text. That python3 and /bin/sh split
// the line back to the same argv is checked in test/integration/launcher/line-shells.test.ts.
import { describe, expect, it } from 'vitest';
import { launcherPath, launcherScript } from '../../../src/launcher/install.js';
import { credentialProcessLine, parseCredentialProcessLine } from '../../../src/launcher/line.js';

const launcher = '/home/u s/.local/share/keyward/bin/keyward-credential-process';

describe(credentialProcessLine.name, () => {
  it('leaves plain words bare, as a person would write them', () => {
    expect(credentialProcessLine('/h/.local/share/keyward/bin/keyward-credential-process', 'dev'))
      .toBe('/h/.local/share/keyward/bin/keyward-credential-process --profile dev');
    expect(credentialProcessLine(launcher, 'my prof')).toBe(`'${launcher}' --profile 'my prof'`);
  });
});

describe(parseCredentialProcessLine.name, () => {
  it.each([
    ['/usr/local/bin/keyward credential-process --profile dev', { profile: 'dev', account: 'dev', program: '/usr/local/bin/keyward' }],
    ['/x/keyward-credential-process --profile=dev', { profile: 'dev', account: 'dev', program: '/x/keyward-credential-process' }],
    ["/x/keyward-credential-process --profile dev --item 'dev (/p/c)'", { profile: 'dev', account: 'dev (/p/c)', program: '/x/keyward-credential-process' }],
    ['aws-vault export --format=json dev', undefined],
    ['/x/keyward-credential-process --profile', undefined],
    ['/x/keyward-credential-process --profile a b', undefined],
    ["/x/keyward-credential-process --profile 'unclosed", undefined],
    ['/x/keyward scan', undefined],
    ['', undefined],
  ])('%j → %j', (line, expected) => {
    expect(parseCredentialProcessLine(line)).toEqual(expected);
  });
});

describe(launcherPath.name, () => {
  it('uses XDG_DATA_HOME when absolute, else ~/.local/share', () => {
    expect(launcherPath({ XDG_DATA_HOME: '/d' }, '/h')).toBe('/d/keyward/bin/keyward-credential-process');
    expect(launcherPath({ XDG_DATA_HOME: 'rel' }, '/h')).toBe('/h/.local/share/keyward/bin/keyward-credential-process');
    expect(launcherPath({}, '/h')).toBe('/h/.local/share/keyward/bin/keyward-credential-process');
  });
});

describe(launcherScript.name, () => {
  it('records node, its version, keytar\'s Node-API and the entry quoted, and runs it with "$@", turning 130 into 1', () => {
    const text = launcherScript("/opt/no de/bin/node", "/opt/it's/dist/shim/main.js", { nodeVersion: 'v22.23.3', napi: 10 });
    expect(text).toMatch(/^#!\/bin\/sh\n/);
    expect(text).toContain("node='/opt/no de/bin/node'\n");
    expect(text).toContain("entry='/opt/it'\\''s/dist/shim/main.js'\n");
    expect(text).toContain('# Recorded by node v22.23.3; keytar\'s addon here needs Node-API 10.\n');
    expect(text).toContain('napi=10\n');
    expect(text).toContain('if [ ! -x "$node" ]; then\n  path_node=$(command -v node)');
    expect(text.trimEnd().split('\n').slice(-4)).toEqual(['"$node" "$entry" "$@"', 'status=$?', '[ "$status" -eq 130 ] && exit 1', 'exit "$status"']);
  });

  it('records napi=0 (no check) when keytar\'s Node-API is unknown', () => {
    expect(launcherScript('/n', '/e')).toContain('\nnapi=0\n');
  });
});
