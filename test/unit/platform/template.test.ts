import { describe, expect, it } from 'vitest';
import { escapeSystemdQuoted, escapeXml, render } from '../../../src/platform/template.js';
import { renderUnit } from '../../../src/platform/systemd.js';
import { renderPlist } from '../../../src/platform/launchd.js';
import { renderTask, taskBytes } from '../../../src/platform/windows-task.js';

const program = { node: '/opt/node 20/bin/node', entry: '/home/u/keyward & co/bin/keyward' };

describe(render.name, () => {
  it('fills every placeholder through the escaper and refuses a missing one', () => {
    expect(render('a={{x}} b={{y}}', { x: '<1>', y: '2' }, escapeXml)).toBe('a=&lt;1&gt; b=2');
    expect(() => render('{{nope}}', {}, escapeXml)).toThrow(/nope/);
  });
});

describe(escapeSystemdQuoted.name, () => {
  it.each([
    ['/a b/node', '/a b/node'],
    ['/50%/node', '/50%%/node'],
    ['/$HOME/x', '/$$HOME/x'],
    ['/a"b\\c', '/a\\"b\\\\c'],
  ])('%s', (value, expected) => {
    expect(escapeSystemdQuoted(value)).toBe(expected);
  });

  it('refuses a line break', () => {
    expect(() => escapeSystemdQuoted('/a\nb')).toThrow();
  });
});

describe('service templates', () => {
  it('the unit runs this node on bin/keyward with absolute, quoted paths', () => {
    const unit = renderUnit(program);
    expect(unit).toContain('ExecStart="/opt/node 20/bin/node" "/home/u/keyward & co/bin/keyward" watch');
    expect(unit).not.toMatch(/\{\{/);
  });

  it('the plist and the task XML escape XML characters', () => {
    expect(renderPlist(program, '/home/u/Library/Logs/keyward')).toContain('<string>/home/u/keyward &amp; co/bin/keyward</string>');
    const task = renderTask(program, 'HOST\\u');
    expect(task).toContain('<Arguments>&quot;/home/u/keyward &amp; co/bin/keyward&quot; watch</Arguments>');
    expect(task).toContain('<UserId>HOST\\u</UserId>');
  });

  it('the task file is UTF-16LE with a byte-order mark, as schtasks expects', () => {
    const bytes = taskBytes('<x/>');
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]);
  });
});
