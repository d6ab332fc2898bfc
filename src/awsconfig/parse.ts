// A lossless parser that reproduces what botocore's `raw_config_parse` (Python's
// `configparser.RawConfigParser` with its defaults) makes of an AWS shared file. The algorithm
// follows `RawConfigParser._read` line by line; see docs/architecture.md §4 for the facts.
import { DEFAULTS_SECTION } from './document.js';
import type { Diagnostic, Document, Entry, Eol, FileKind, Line, NestedEntry, Section } from './document.js';
import { pyIndent, pyRstrip, pySplitlines, pyStrip } from './python.js';

const SECTION_HEADER = /^\[([\s\S]+)\]/;

/**
 * configparser's OPTCRE, `(?P<option>.*?)\s*(?P<vi>[=:])\s*(?P<value>.*)$`, without its regex: the
 * lazy name followed by `\s*` is retried at every character of a long run of spaces, which is
 * quadratic on a crafted line (issue 10, item 9). The separator is the first `=` or `:`; the name
 * and value are what is left of it and right of it (the caller strips both).
 */
function splitOption(text: string): { name: string; value: string } | undefined {
  const at = text.search(/[=:]/);
  return at < 0 ? undefined : { name: text.slice(0, at), value: text.slice(at + 1) };
}

interface Piece {
  text: string;
  line: number;
}

class Parser {
  readonly sections: Section[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** Option keys per section header: configparser's `elements_added` (a header may come twice). */
  private readonly keysSeen = new Map<string, Set<string>>();
  private readonly nestedErrors = new Map<Entry, number>();
  private section: Section | undefined;
  /** The option whose value may go on over the next lines, and those lines (its first is `open.value`). */
  private open: Entry | undefined;
  private more: Piece[] = [];
  private indentLevel = 0;
  private refused = false;

  constructor(private readonly lines: Line[]) {}

  run(): void {
    for (const line of this.lines) line.role = this.classify(line);
    this.closeEntry();
    this.checkDefaultsNesting();
  }

  private classify(line: Line): Line['role'] {
    const stripped = pyStrip(line.text);
    // configparser tests the stripped line, so an indented comment is a comment too.
    if (stripped.startsWith('#') || stripped.startsWith(';')) return 'comment';
    if (stripped === '') {
      // empty_lines_in_values: a blank line inside a value becomes an empty piece of it.
      if (this.open) this.more.push({ text: '', line: line.number });
      return 'blank';
    }
    const indent = pyIndent(line.text);
    if (this.open && indent > this.indentLevel) {
      this.more.push({ text: stripped, line: line.number });
      this.open.lastLine = line.number;
      return 'continuation';
    }
    this.indentLevel = indent;
    const header = stripped.startsWith('[') ? SECTION_HEADER.exec(stripped) : null;
    if (header) return this.startSection(header[1] as string, line);
    if (!this.section) {
      const bom = line.number === 1 && line.text.startsWith('\ufeff');
      this.fail(bom ? 'parse-bom' : 'parse-missing-section', line.number, bom
        ? 'the file starts with a UTF-8 byte order mark'
        : 'a setting appears before the first [section] header');
      return 'invalid';
    }
    return this.startEntry(stripped, line, indent);
  }

  private startSection(header: string, line: Line): Line['role'] {
    this.closeEntry();
    if (header !== DEFAULTS_SECTION && this.seen.has(header)) {
      this.fail('parse-duplicate-section', line.number, `section [${header}] appears twice`);
    }
    if (header !== DEFAULTS_SECTION) this.seen.add(header);
    this.section = { header, line: line.number, lastLine: line.number, entries: [] };
    this.sections.push(this.section);
    return 'section';
  }

  private startEntry(stripped: string, line: Line, indent: number): Line['role'] {
    const match = splitOption(stripped);
    const section = this.section as Section;
    if (!match || pyRstrip(match.name) === '') {
      this.note('parse-invalid-line', line.number, 'a line is neither a comment, a [section] nor a key = value setting');
      // configparser keeps the previous option open after a bad line, but not after an empty name.
      if (match) this.closeEntry();
      return 'invalid';
    }
    this.closeEntry();
    const name = pyRstrip(match.name);
    const key = name.toLowerCase();
    let keys = this.keysSeen.get(section.header);
    if (!keys) this.keysSeen.set(section.header, (keys = new Set()));
    if (keys.has(key)) {
      this.fail('parse-duplicate-option', line.number, `key ${key} appears twice in section [${section.header}]`);
    }
    keys.add(key);
    const value = pyStrip(match.value);
    const entry: Entry = { name, key, value, line: line.number, lastLine: line.number, indent: line.text.slice(0, indent) };
    section.entries.push(entry);
    this.open = entry;
    return 'option';
  }

  private closeEntry(): void {
    const entry = this.open;
    const more = this.more;
    this.open = undefined;
    // Most entries are one line: their value is already stripped, and nothing is nested.
    if (!entry || more.length === 0) return;
    this.more = [];
    entry.value = pyRstrip([entry.value, ...more.map((piece) => piece.text)].join('\n'));
    if (!entry.value.startsWith('\n')) return;
    const nested = parseNested(more);
    if (Array.isArray(nested)) entry.nested = nested;
    else this.nestedErrors.set(entry, nested.line);
  }

  /** botocore parses nested blocks per profile; a bad block only in [DEFAULT] matters if some section inherits it. */
  private checkDefaultsNesting(): void {
    const inheritors = this.sections.filter((s) => s.header !== DEFAULTS_SECTION);
    for (const section of this.sections) {
      for (const entry of section.entries) {
        const line = this.nestedErrors.get(entry);
        if (line === undefined) continue;
        const used = section.header !== DEFAULTS_SECTION ||
          inheritors.some((s) => !s.entries.some((e) => e.key === entry.key));
        if (used) this.fail('parse-invalid-nested', line, `a line in the nested block ${entry.key} has no "="`);
      }
    }
  }

  private fail(code: Diagnostic['code'], line: number, message: string): void {
    if (!this.refused) this.diagnostics.push({ code, line, message });
    this.refused = true;
  }

  private note(code: Diagnostic['code'], line: number, message: string): void {
    if (!this.refused) this.diagnostics.push({ code, line, message });
  }
}

/** botocore's `_parse_nested`: each non-blank line must be `key = value`, split at the first `=`. */
function parseNested(pieces: Piece[]): NestedEntry[] | { line: number } {
  const entries: NestedEntry[] = [];
  for (const piece of pieces) {
    for (const part of pySplitlines(piece.text)) {
      const text = pyStrip(part);
      if (text === '') continue;
      const at = text.indexOf('=');
      if (at < 0) return { line: piece.line };
      entries.push({ name: pyStrip(text.slice(0, at)), value: pyStrip(text.slice(at + 1)), line: piece.line });
    }
  }
  return entries;
}

/** Splits like Python's universal-newline reading: `\r\n`, `\r` and `\n` all end a line. */
export function splitLines(text: string): Line[] {
  if (!text.includes('\r')) return splitAtNewlines(text);
  const lines: Line[] = [];
  const eolPattern = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = eolPattern.exec(text); match; match = eolPattern.exec(text)) {
    lines.push({ number: lines.length + 1, start, text: text.slice(start, match.index), eol: match[0] as Eol, role: 'blank' });
    start = match.index + match[0].length;
  }
  if (start < text.length) {
    lines.push({ number: lines.length + 1, start, text: text.slice(start), eol: '', role: 'blank' });
  }
  return lines;
}

/** splitLines for text without a `\r` (most files): indexOf instead of a regex match per line. */
function splitAtNewlines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    lines.push({ number: lines.length + 1, start, text: text.slice(start, end), eol: '\n', role: 'blank' });
    start = end + 1;
  }
  if (start < text.length) lines.push({ number: lines.length + 1, start, text: text.slice(start), eol: '', role: 'blank' });
  return lines;
}

function dominantEol(lines: Line[]): Document['eol'] {
  const counts = new Map<Eol, number>();
  for (const line of lines) if (line.eol) counts.set(line.eol, (counts.get(line.eol) ?? 0) + 1);
  let best: Document['eol'] = '\n';
  let bestCount = 0;
  for (const [eol, count] of counts) {
    if (count > bestCount) [best, bestCount] = [eol as Document['eol'], count];
  }
  return best;
}

/** Parses the text of an AWS config or credentials file. Never throws: refusals are diagnostics. */
export function parse(text: string, kind: FileKind): Document {
  const lines = splitLines(text);
  const parser = new Parser(lines);
  parser.run();
  for (let i = 0; i < parser.sections.length; i++) {
    const section = parser.sections[i] as Section;
    const next = parser.sections[i + 1];
    section.lastLine = next ? next.line - 1 : lines.length;
  }
  return { kind, text, lines, sections: parser.sections, diagnostics: parser.diagnostics, eol: dominantEol(lines) };
}
