// The line editor migrate and restore write files with: what it drops, where it puts new lines and
// with what indentation and end of line, and that every other byte comes out as it went in. Each
// case also reads the result back with the parser, as botocore would.
import { describe, expect, it } from 'vitest';
import { appendSection, editSection, editSections, serialize } from '../../../src/awsconfig/edit.js';
import { parse } from '../../../src/awsconfig/parse.js';
import { rawConfig } from '../../../src/awsconfig/profiles.js';
import { toPlain } from '../../support/plain.js';

const creds = (text: string) => parse(text, 'credentials');
const raw = (text: string): unknown => toPlain(rawConfig(creds(text)));

describe(editSection.name, () => {
  it('puts the new line where the removed entry was, with that entry\'s indentation', () => {
    const doc = creds('[a]\n  aws_access_key_id = x\nregion = y\n');
    const out = editSection(doc, doc.sections[0]!, { remove: ['aws_access_key_id'], insert: ['credential_process = p'] });
    expect(out).toBe('[a]\n  credential_process = p\nregion = y\n');
  });

  it('drops a removed entry\'s continuation lines and nested block, and only the keys named', () => {
    const doc = creds('[a]\ns3 =\n  addressing_style = path\n\n  max_attempts = 3\nnote = one\n  two\nregion = y\n');
    const out = editSection(doc, doc.sections[0]!, { remove: ['s3', 'note'], insert: ['x = 1'] });
    expect(out).toBe('[a]\nx = 1\nregion = y\n');
    expect(raw(out)).toEqual({ a: { x: '1', region: 'y' } });
  });

  it('appends with the last entry\'s indentation when nothing is removed', () => {
    const doc = creds('[a]\n\tregion = y\n# end\n');
    expect(editSection(doc, doc.sections[0]!, { remove: ['absent'], insert: ['x = 1'] })).toBe('[a]\n\tregion = y\n\tx = 1\n# end\n');
  });

  // Indented deeper than the last entry, an added line would be read as that entry's continuation.
  it('appends with the last entry\'s indentation, not the first\'s', () => {
    const doc = creds('[a]\n  x = 1\ny = 2\n');
    const out = editSection(doc, doc.sections[0]!, { remove: [], insert: ['z = 3'] });
    expect(out).toBe('[a]\n  x = 1\ny = 2\nz = 3\n');
    expect(raw(out)).toEqual({ a: { x: '1', y: '2', z: '3' } });
  });

  it('keeps a kept last line\'s own end of line', () => {
    const doc = creds('[a]\r\nk = 1\r\nregion = y\n');
    expect(editSection(doc, doc.sections[0]!, { remove: ['k'], insert: ['p = 1'] })).toBe('[a]\r\np = 1\r\nregion = y\n');
  });

  it('writes lines given with their own indentation as they are (restore)', () => {
    const doc = creds('[a]\n  region = y\n');
    const out = editSection(doc, doc.sections[0]!, { remove: ['region'], insert: ['region = y', ' x = 1'], keepIndent: true });
    expect(out).toBe('[a]\nregion = y\n x = 1\n');
  });

  it('looks past blank and comment lines for the indentation of what follows an empty section', () => {
    const doc = creds('[a]\n\n# note\n   [b]\nx = 1\n');
    const out = editSection(doc, doc.sections[0]!, { remove: [], insert: ['z = 3'] });
    expect(out).toBe('[a]\n   z = 3\n\n# note\n   [b]\nx = 1\n');
    expect(raw(out)).toEqual({ a: { z: '3' }, b: { x: '1' } });
  });

  it('adds an unindented line to an empty last section, and ends the file as it ended', () => {
    const withEol = creds('[a]\nx = 1\n[b]\n');
    expect(editSection(withEol, withEol.sections[1]!, { remove: [], insert: ['y = 2'] })).toBe('[a]\nx = 1\n[b]\ny = 2\n');
    const without = creds('[a]\nx = 1\n[b]');
    expect(editSection(without, without.sections[1]!, { remove: [], insert: ['y = 2'] })).toBe('[a]\nx = 1\n[b]\ny = 2');
  });

  it('uses the file\'s end of line for added lines and for a former last line', () => {
    const doc = creds('[a]\r\nx = 1\r\n[b]\r\ny = 2');
    expect(editSection(doc, doc.sections[1]!, { remove: [], insert: ['z = 3'] })).toBe('[a]\r\nx = 1\r\n[b]\r\ny = 2\r\nz = 3');
  });

  it('refuses a section of another document', () => {
    const doc = creds('[a]\nx = 1\n');
    const other = creds('[b]\nx = 1\n');
    expect(() => editSection(doc, other.sections[0]!, { remove: [], insert: [] })).toThrow('section [b] is not part of this document');
    const moved = creds('\n[a]\nx = 1\n');
    expect(() => editSection(doc, moved.sections[0]!, { remove: [], insert: [] })).toThrow('section [a] is not part of this document');
  });
});

describe(editSections.name, () => {
  it('edits several sections in one pass, each in its own place', () => {
    const doc = creds('[a]\nk = 1\n[b]\nk = 2\n[c]\nk = 3\n');
    const out = editSections(doc, [
      { section: doc.sections[0]!, edit: { remove: ['k'], insert: ['p = a'] } },
      { section: doc.sections[2]!, edit: { remove: [], insert: ['q = c'] } },
    ]);
    expect(out).toBe('[a]\np = a\n[b]\nk = 2\n[c]\nk = 3\nq = c\n');
  });
});

describe(appendSection.name, () => {
  it.each([
    ['a file ending in a newline', '[a]\nx = 1\n', '[a]\nx = 1\n\n[b]\ny = 2\n'],
    ['a file without a final newline', '[a]\nx = 1', '[a]\nx = 1\n\n[b]\ny = 2'],
    ['a file already ending in a blank line', '[a]\nx = 1\n\n', '[a]\nx = 1\n\n[b]\ny = 2\n'],
    ['a file ending in a blank line of spaces', '[a]\nx = 1\n  \n', '[a]\nx = 1\n  \n[b]\ny = 2\n'],
    ['a CRLF file', '[a]\r\nx = 1\r\n', '[a]\r\nx = 1\r\n\r\n[b]\r\ny = 2\r\n'],
    ['an empty file', '', '[b]\ny = 2\n'],
    ['a one-line file without a newline', '[a]', '[a]\n\n[b]\ny = 2'],
  ])('appends after %s', (_name, text, expected) => {
    expect(appendSection(creds(text), 'b', ['y = 2'])).toBe(expected);
  });

  it('ends an empty new section as the file ended', () => {
    expect(appendSection(creds('[a]\nx = 1'), 'b', [])).toBe('[a]\nx = 1\n\n[b]');
    expect(appendSection(creds('[a]\nx = 1\n'), 'b', [])).toBe('[a]\nx = 1\n\n[b]\n');
  });
});

describe(serialize.name, () => {
  it.each(['', '[a]\r\nx = 1\ry = 2\n', '# c\n[a]\n  x = 1', '\n\n'])('gives back the text it parsed: %j', (text) => {
    expect(serialize(creds(text))).toBe(text);
  });
});
