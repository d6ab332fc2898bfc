// The rendered service files, checked by the tools that will read them: systemd-analyze for the
// unit, Python's plistlib for the LaunchAgent (launchd's format), an XML parser for the task
// (schtasks). launchd and the Task Scheduler themselves are not available here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderUnit } from '../../../src/platform/systemd.js';
import { renderPlist } from '../../../src/platform/launchd.js';
import { renderTask, taskBytes } from '../../../src/platform/windows-task.js';
import { installedProgram } from '../../../src/platform/template.js';
import { hasTool, need } from '../../support/need.js';
import { makeTempDir } from '../../support/temp-home.js';

const dir = makeTempDir('service');
const SYSTEMD_ANALYZE = 'systemd-analyze is not installed (apt-get install systemd)';

describe('rendered service files', () => {
  // As root without a user manager, `systemd-analyze verify --user` cannot start; the system-mode
  // verify checks the same syntax and that ExecStart's program exists and is executable.
  it('the systemd unit passes systemd-analyze verify', (ctx) => {
    need(ctx, hasTool('systemd-analyze'), SYSTEMD_ANALYZE);
    const file = path.join(dir, 'keyward.service');
    // The program of a real install: this build, installed as a version under a temp data dir.
    fs.writeFileSync(file, renderUnit(installedProgram({ XDG_DATA_HOME: path.join(dir, 'data') }, dir)));
    const result = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('systemd-analyze rejects a unit whose program is missing (the check has teeth)', (ctx) => {
    need(ctx, hasTool('systemd-analyze'), SYSTEMD_ANALYZE);
    const file = path.join(dir, 'broken.service');
    fs.writeFileSync(file, renderUnit({ node: '/nonexistent/node', entry: '/x' }));
    const result = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    // It ran (a missing tool gives status null, which is also "not 0") and named the missing program.
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('/nonexistent/node');
  });

  it('the LaunchAgent is a valid property list with the right label and arguments', () => {
    const file = path.join(dir, 'dev.keyward.watch.plist');
    fs.writeFileSync(file, renderPlist({ node: '/usr/local/bin/node', entry: '/opt/k & w/bin/keyward' }, '/Users/u/Library/Logs/keyward'));
    const py = 'import plistlib,sys,json; d=plistlib.loads(open(sys.argv[1],"rb").read()); print(json.dumps(d))';
    const result = spawnSync('python3', ['-c', py, file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({
      Label: 'dev.keyward.watch', ProgramArguments: ['/usr/local/bin/node', '/opt/k & w/bin/keyward', 'watch'], RunAtLoad: true });
  });

  it('the task XML is well-formed UTF-16 with the logon trigger and the command', () => {
    const file = path.join(dir, 'keyward-task.xml');
    fs.writeFileSync(file, taskBytes(renderTask({ node: 'C:\\Program Files\\nodejs\\node.exe', entry: 'C:\\k\\bin\\keyward' }, 'PC\\u')));
    const py = [
      'import sys, json, xml.etree.ElementTree as ET',
      'ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}',
      'root = ET.parse(sys.argv[1]).getroot()',
      'print(json.dumps([root.find(p, ns).text for p in ["t:Actions/t:Exec/t:Command", "t:Actions/t:Exec/t:Arguments", "t:Triggers/t:LogonTrigger/t:UserId"]]))',
    ].join('\n');
    const result = spawnSync('python3', ['-c', py, file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(['C:\\Program Files\\nodejs\\node.exe', '"C:\\k\\bin\\keyward" watch', 'PC\\u']);
  });
});
