// Table tests for the botocore facts of docs/architecture.md §4, one case each.
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import { plainSettings, profileViews, rawConfig, sectionRole } from '../../../src/awsconfig/profiles.js';
import { editSection, appendSection } from '../../../src/awsconfig/edit.js';
import { toPlain } from '../../support/plain.js';

const raw = (text: string): unknown => toPlain(rawConfig(parse(text, 'config')));
const codes = (text: string): string[] => parse(text, 'config').diagnostics.map((d) => `${d.code}@${d.line}`);

describe(parse.name, () => {
  it.each([
    ['option names are lower-cased', '[default]\nAWS_Access_Key_ID = x\n', { default: { aws_access_key_id: 'x' } }],
    ['":" separates like "="', '[default]\nregion: eu-west-1\n', { default: { region: 'eu-west-1' } }],
    ['an inline comment is part of the value', '[default]\nregion = us-east-1 # main\n', { default: { region: 'us-east-1 # main' } }],
    ['full-line comments, indented too, are dropped', '[default]\n# a\n  ; b\nregion = x\n', { default: { region: 'x' } }],
    ['a nested block', '[default]\ns3 =\n  Addressing_Style = path\n  max_attempts=3\n', { default: { s3: { Addressing_Style: 'path', max_attempts: '3' } } }],
    ['a continuation line joins with a newline', '[default]\nnote = one\n  two\n', { default: { note: 'one\ntwo' } }],
    ['a blank line inside a value is kept, trailing ones are not', '[default]\nnote = one\n\n  two\n\n', { default: { note: 'one\n\ntwo' } }],
    ['[DEFAULT] keys reach every section', '[DEFAULT]\nregion = x\n[a]\n[b]\nregion = y\n', { a: { region: 'x' }, b: { region: 'y' } }],
    ['CRLF and a lone CR end lines', '[default]\r\nregion = x\routput = json', { default: { region: 'x', output: 'json' } }],
    ['an empty value stays empty', '[default]\nregion =\n', { default: { region: '' } }],
  ])('%s', (_name, text, expected) => {
    expect(parse(text, 'config').diagnostics).toEqual([]);
    expect(raw(text)).toEqual(expected);
  });

  it.each([
    ['a duplicate section', '[a]\nx = 1\n[a]\n', 'parse-duplicate-section@3'],
    ['a duplicate option, case-insensitively', '[a]\nRegion = 1\nregion = 2\n', 'parse-duplicate-option@3'],
    ['a key before any section', 'region = x\n[a]\n', 'parse-missing-section@1'],
    ['a byte order mark', '\ufeff[default]\n', 'parse-bom@1'],
    ['a line with no separator', '[a]\njust text\n', 'parse-invalid-line@2'],
    ['an empty option name', '[a]\n= x\n', 'parse-invalid-line@2'],
    ['a nested line without "="', '[a]\ns3 =\n  nope\n', 'parse-invalid-nested@3'],
  ])('refuses %s', (_name, text, code) => {
    expect(codes(text)).toEqual([code]);
  });

  // What the user reads when keyward refuses a file: the first refusal only, with its line.
  it.each([
    ['[a]\nx = 1\n[a]\n', [{ code: 'parse-duplicate-section', line: 3, message: 'section [a] appears twice' }]],
    ['[a]\nRegion = 1\nregion = 2\n', [{ code: 'parse-duplicate-option', line: 3, message: 'key region appears twice in section [a]' }]],
    ['\n\ufeffx = 1\n', [{ code: 'parse-missing-section', line: 2, message: 'a setting appears before the first [section] header' }]],
    ['\ufeff[a]\n', [{ code: 'parse-bom', line: 1, message: 'the file starts with a UTF-8 byte order mark' }]],
    ['[a]\njust text\n', [{ code: 'parse-invalid-line', line: 2, message: 'a line is neither a comment, a [section] nor a key = value setting' }]],
    ['[a]\ns3 =\n  nope\n', [{ code: 'parse-invalid-nested', line: 3, message: 'a line in the nested block s3 has no "="' }]],
    ['[a]\n[a]\n[b]\n[b]\njust text\n', [{ code: 'parse-duplicate-section', line: 2, message: 'section [a] appears twice' }]],
  ])('says why it refuses %j', (text, diagnostics) => {
    expect(parse(text, 'config').diagnostics).toEqual(diagnostics);
  });

  it('notes every bad line before a refusal, none after it', () => {
    expect(codes('[a]\njust text\nmore text\n[a]\nstill text\n')).toEqual(['parse-invalid-line@2', 'parse-invalid-line@3', 'parse-duplicate-section@4']);
  });

  it('lets [DEFAULT] appear twice', () => {
    expect(codes('[DEFAULT]\nregion = x\n[DEFAULT]\noutput = json\n[a]\n')).toEqual([]);
  });

  // configparser keeps the previous option open after a line with no separator (an indented line
  // after it continues that option), but closes it after a line with an empty name.
  it.each([
    ['no separator', '[a]\nx = 1\njust text\n  two\n', { a: { x: '1\ntwo' } }, ['parse-invalid-line@3']],
    ['an empty name', '[a]\nx = 1\n= y\n  two\n', { a: { x: '1' } }, ['parse-invalid-line@3', 'parse-invalid-line@4']],
  ])('after a line with %s', (_name, text, expected, diagnostics) => {
    expect(codes(text)).toEqual(diagnostics);
    expect(raw(text)).toEqual(expected);
    expect(parse(text, 'config').lines[2]?.role).toBe('invalid');
  });

  it.each([
    ['inherited by a profile', '[DEFAULT]\ns3 =\n  nope\n[a]\nx = 1\n', ['parse-invalid-nested@3']],
    ['overridden by every profile', '[DEFAULT]\ns3 =\n  nope\n[a]\ns3 = y\n', []],
    ['with no profile to inherit it', '[DEFAULT]\ns3 =\n  nope\n[DEFAULT]\nregion = x\n', []],
  ])('refuses a bad nested block in [DEFAULT] only when it is used: %s', (_name, text, diagnostics) => {
    expect(codes(text)).toEqual(diagnostics);
  });

  it.each([
    ['an empty nested name', '[a]\ns3 =\n  = b\n', { a: { s3: { '': 'b' } } }],
    // Python's str.splitlines also breaks at \x1c; botocore skips the empty line that leaves.
    ['a Python-only line break in a nested block', '[a]\ns3 =\n  x = 1\x1c\x1cy = 2\n', { a: { s3: { x: '1', y: '2' } } }],
    ['a blank line first', '\n[a]\nx = 1\n', { a: { x: '1' } }],
  ])('reads %s as botocore does', (_name, text, expected) => {
    expect(codes(text)).toEqual([]);
    expect(raw(text)).toEqual(expected);
  });

  it('ends each section where the next begins, the last at the end of the file', () => {
    const doc = parse('[a]\nx = 1\n\n[b]\ny = 2\n\n', 'config');
    expect(doc.sections.map((s) => [s.header, s.line, s.lastLine])).toEqual([['a', 1, 3], ['b', 4, 6]]);
  });

  // Lines keyward adds use the file's own end of line: the most common one, the first seen on a tie.
  it.each([
    ['one line without an end of line', '[a]', '\n'],
    ['CRLF in most lines', '[a]\r\nx = 1\r\ny = 2\n', '\r\n'],
    ['LF in most lines', '[a]\r\nx = 1\ny = 2\nz', '\n'],
    ['a tie, LF first', '[a]\nx = 1\r\n', '\n'],
    ['a tie, CR first', '[a]\rx = 1\n', '\r'],
  ])('takes the end of line of %s', (_name, text, eol) => {
    expect(parse(text, 'config').eol).toBe(eol);
  });

  it('keeps line numbers, roles and spans', () => {
    const doc = parse('# top\n[profile dev]\ns3 =\n  a = b\n\nregion = x\n', 'config');
    expect(doc.lines.map((l) => l.role)).toEqual(['comment', 'section', 'option', 'continuation', 'blank', 'option']);
    const [section] = doc.sections;
    expect(section?.entries.map((e) => [e.key, e.line, e.lastLine])).toEqual([['s3', 3, 4], ['region', 6, 6]]);
    expect(section?.entries[0]?.nested).toEqual([{ name: 'a', value: 'b', line: 4 }]);
  });
});

describe(sectionRole.name, () => {
  it.each([
    ['profile dev', 'config', { kind: 'profile', name: 'dev' }],
    ['profile "my dev"', 'config', { kind: 'profile', name: 'my dev' }],
    ['profile my dev', 'config', { kind: 'other' }],
    ["profile 'open", 'config', { kind: 'other' }],
    ['default', 'config', { kind: 'profile', name: 'default' }],
    ['sso-session corp', 'config', { kind: 'sso-session', name: 'corp' }],
    ['services local', 'config', { kind: 'services', name: 'local' }],
    ['profile dev', 'credentials', { kind: 'profile', name: 'profile dev' }],
    ['my dev', 'credentials', { kind: 'profile', name: 'my dev' }],
  ] as const)('[%s] in %s', (header, kind, role) => {
    expect(sectionRole(header, kind)).toEqual(role);
  });
});

describe(profileViews.name, () => {
  const views = (config: string, credentials = '') =>
    profileViews({ path: '/c', doc: parse(config, 'config') }, { path: '/k', doc: parse(credentials, 'credentials') });

  it('lets the credentials file win key by key, and says where each value comes from', () => {
    const dev = views('[profile dev]\nregion = a\naws_access_key_id = old\n', '[dev]\naws_access_key_id = new\n').get('dev');
    expect(plainSettings(dev!)).toEqual(new Map([['region', 'a'], ['aws_access_key_id', 'new']]));
    expect(dev!.settings.get('aws_access_key_id')).toMatchObject({ file: { path: '/k' }, entry: { line: 2 } });
    expect(dev!.settings.get('region')).toMatchObject({ file: { path: '/c' }, entry: { line: 2 } });
  });

  it.each([
    ['[profile x] then [profile "x"]', '[profile x]\nregion = a\n[profile "x"]\noutput = json\n', 'x'],
    ['[default] then [profile default]', '[default]\nregion = a\n[profile default]\noutput = json\n', 'default'],
  ])('uses the later of %s whole, as build_profile_map does, and names the shadowed one', (_name, text, profile) => {
    const view = views(text).get(profile)!;
    expect(plainSettings(view)).toEqual(new Map([['output', 'json']]));
    expect(view.config?.section.line).toBe(3);
    expect(view.shadowed.map((p) => p.section.line)).toEqual([1]);
  });

  it('keeps a profile, section or option named __proto__', () => {
    const text = '[profile __proto__]\n__proto__ = 1\n[__proto__]\nconstructor = 2\n';
    expect(rawConfig(parse(text, 'config'))).toEqual(new Map([
      ['profile __proto__', new Map([['__proto__', '1']])], ['__proto__', new Map([['constructor', '2']])]]));
    expect(plainSettings(views(text).get('__proto__')!)).toEqual(new Map([['__proto__', '1']]));
  });
});

describe(editSection.name, () => {
  it('replaces key lines in place and keeps CRLF, comments and the missing final newline', () => {
    const text = '[dev]\r\n# keep\r\naws_access_key_id = AKIA\r\naws_secret_access_key = s\r\nregion = x';
    const doc = parse(text, 'credentials');
    const out = editSection(doc, doc.sections[0]!, { remove: ['aws_access_key_id', 'aws_secret_access_key'], insert: ['credential_process = p'] });
    expect(out).toBe('[dev]\r\n# keep\r\ncredential_process = p\r\nregion = x');
  });

  it('appends after the last entry, and gives a former last line its end of line', () => {
    const doc = parse('[a]\nx = 1\n\n[b]\ny = 2', 'credentials');
    expect(editSection(doc, doc.sections[0]!, { remove: [], insert: ['z = 3'] })).toBe('[a]\nx = 1\nz = 3\n\n[b]\ny = 2');
    expect(editSection(doc, doc.sections[1]!, { remove: [], insert: ['z = 3'] })).toBe('[a]\nx = 1\n\n[b]\ny = 2\nz = 3');
  });

  it('indents a line added under a header as deep as the next line, so it cannot swallow it', () => {
    const doc = parse('[a]\n  [b]\nx = 1\n', 'credentials');
    const out = editSection(doc, doc.sections[0]!, { remove: [], insert: ['z = 3'] });
    expect(out).toBe('[a]\n  z = 3\n  [b]\nx = 1\n');
    expect(rawConfig(parse(out, 'credentials'))).toEqual(new Map([['a', new Map([['z', '3']])], ['b', new Map([['x', '1']])]]));
  });

  it('appends a section after one blank line', () => {
    expect(appendSection(parse('[a]\nx = 1\n', 'credentials'), 'b', ['y = 2'])).toBe('[a]\nx = 1\n\n[b]\ny = 2\n');
    expect(appendSection(parse('', 'credentials'), 'b', ['y = 2'])).toBe('[b]\ny = 2\n');
  });
});
