// Edits keep every byte outside the edited lines, and botocore reads an edited file exactly as
// the edit intends: only the edited keys change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editSection, serialize } from '../../../src/awsconfig/edit.js';
import { parse, splitLines } from '../../../src/awsconfig/parse.js';
import { rawConfig } from '../../../src/awsconfig/profiles.js';
import { toPlain } from '../../support/plain.js';
import type { Document, FileKind, Section } from '../../../src/awsconfig/document.js';
import { awsFile } from '../../support/aws-file-generator.js';
import { botocoreView } from '../../support/botocore.js';

const seed = Number(process.env.KEYWARD_FUZZ_SEED ?? Date.now() % 2 ** 31);
const NEW_LINE = `credential_process = /opt/keyward/bin/keyward-credential-process --profile 'my '\\''prof'`;

interface EditCase {
  kind: FileKind;
  before: string;
  after: string;
  section: string;
  removed: string[];
}

function pickEdit(doc: Document, choice: number): { section: Section; remove: string[] } | undefined {
  const inherited = new Set(doc.sections.filter((s) => s.header === 'DEFAULT').flatMap((s) => s.entries.map((e) => e.key)));
  const candidates = doc.sections.filter((s) => s.header !== 'DEFAULT' && !s.entries.some((e) => e.key === 'credential_process'));
  const section = candidates[choice % Math.max(candidates.length, 1)];
  if (!section || inherited.has('credential_process')) return undefined;
  const keys = section.entries.map((e) => e.key).filter((key) => !inherited.has(key));
  return { section, remove: keys.filter((_, i) => (choice >> i) % 2 === 1) };
}

function expectedLines(doc: Document, section: Section, remove: string[]): string[] {
  const removed = section.entries.filter((e) => remove.includes(e.key));
  const dropped = new Set(removed.flatMap((e) => Array.from({ length: e.lastLine - e.line + 1 }, (_, i) => e.line + i)));
  const anchor = removed[0]?.line ?? section.entries[section.entries.length - 1]?.lastLine ?? section.line;
  const out: string[] = [];
  for (const line of doc.lines) {
    if (removed.length > 0 && line.number === anchor) out.push(NEW_LINE);
    if (!dropped.has(line.number)) out.push(line.text);
    if (removed.length === 0 && line.number === anchor) out.push(NEW_LINE);
  }
  return out;
}

describe('editSection', () => {
  const files = fc.sample(fc.tuple(fc.constantFrom<FileKind>('config', 'credentials'), fc.nat()).chain(([kind, choice]) =>
    awsFile(kind).map((text) => ({ kind, text, choice }))), { numRuns: 1000, seed });

  it(`parse then serialise gives the same bytes (seed ${seed})`, () => {
    for (const { kind, text } of files) {
      const doc = parse(text, kind);
      expect(serialize(doc)).toBe(text);
      for (const section of doc.sections) expect(editSection(doc, section, { remove: [], insert: [] })).toBe(text);
    }
  });

  it(`changes only the edited lines, and botocore sees only the edited keys change (seed ${seed})`, () => {
    const cases: EditCase[] = [];
    for (const { kind, text, choice } of files) {
      const doc = parse(text, kind);
      if (doc.diagnostics.length > 0) continue;
      const pick = pickEdit(doc, choice);
      if (!pick) continue;
      const after = editSection(doc, pick.section, { remove: pick.remove, insert: [NEW_LINE] });
      const lines = splitLines(after);
      // The added line's indentation is the editor's choice; botocore's reading below checks it.
      expect(lines.map((l) => (l.text.trimStart() === NEW_LINE ? NEW_LINE : l.text))).toEqual(expectedLines(doc, pick.section, pick.remove));
      // Kept lines keep their end-of-line bytes; only a formerly last line may gain one.
      const kept = lines.filter((l) => !l.text.endsWith(NEW_LINE));
      const originals = doc.lines.filter((l) => !pick.section.entries.some((e) => pick.remove.includes(e.key) && l.number >= e.line && l.number <= e.lastLine));
      kept.forEach((line, i) => {
        const original = originals[i];
        if (original && original.eol !== '') expect(line.eol).toBe(original.eol);
      });
      cases.push({ kind, before: text, after, section: pick.section.header, removed: pick.remove });
    }
    expect(cases.length).toBeGreaterThan(300);
    const views = botocoreView(cases.map((c) => ({ [c.kind]: c.after })));
    cases.forEach((c, i) => {
      const expected = rawConfig(parse(c.before, c.kind));
      const settings = new Map(expected.get(c.section));
      for (const key of c.removed) settings.delete(key);
      settings.set('credential_process', NEW_LINE.replace('credential_process = ', ''));
      expected.set(c.section, settings);
      expect(views[i]?.[c.kind]?.raw, `seed ${seed}: ${JSON.stringify(c)}`).toEqual(toPlain(expected));
    });
  });
});
