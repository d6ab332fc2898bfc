// Edits that rewrite only the lines they touch. Every other byte of the file — comments, blank
// lines, order, tabs, CRLF or LF, a missing final newline — comes out as it went in.
import type { Document, Entry, Section } from './document.js';
import { pyIndent } from './python.js';

interface OutLine {
  text: string;
  eol: string;
  added?: boolean;
}

export interface SectionEdit {
  /** Lower-cased keys whose lines (with their continuation lines) are removed. */
  remove: string[];
  /**
   * Lines written in place of the first removed entry, or after the section's last entry when
   * nothing is removed. Given without end-of-line; the file's own style is used.
   */
  insert: string[];
  /** The inserted lines carry their own indentation (restore puts back lines exactly as they were). */
  keepIndent?: boolean;
}

function findSection(doc: Document, section: Section): Section {
  const found = doc.sections.find((s) => s.line === section.line && s.header === section.header);
  if (!found) throw new Error(`section [${section.header}] is not part of this document`);
  return found;
}

/** The line after which new entries go: the end of the last entry, or the header itself. */
function appendAfter(section: Section): number {
  const last = section.entries[section.entries.length - 1];
  return last ? last.lastLine : section.line;
}

/**
 * The indentation of the first significant line after `lineNumber`. A line added right after a
 * section header must be indented at least as deep as that line, or configparser would read the
 * next line (say an indented `  [other]` header) as a continuation of the added one.
 */
function nextIndent(doc: Document, lineNumber: number): string {
  const next = doc.lines.find((line) => line.number > lineNumber && line.role !== 'blank' && line.role !== 'comment');
  return next ? next.text.slice(0, pyIndent(next.text)) : '';
}

/** Applies one edit to one section and returns the new file text. */
export function editSection(doc: Document, target: Section, edit: SectionEdit): string {
  return editSections(doc, [{ section: target, edit }]);
}

interface Placement {
  dropped: Set<number>;
  /** Inserted lines keyed by the line they go before (anchor) or after (append). */
  before: Map<number, string[]>;
  after: Map<number, string[]>;
}

function place(doc: Document, edits: { section: Section; edit: SectionEdit }[]): Placement {
  const placement: Placement = { dropped: new Set(), before: new Map(), after: new Map() };
  for (const { section: target, edit } of edits) {
    const section = findSection(doc, target);
    const removed = section.entries.filter((entry) => edit.remove.includes(entry.key));
    for (const entry of removed) for (let n = entry.line; n <= entry.lastLine; n++) placement.dropped.add(n);
    const anchor: Entry | undefined = removed[0];
    const indent = anchor?.indent ?? section.entries[section.entries.length - 1]?.indent ?? nextIndent(doc, section.line);
    const lines = edit.keepIndent ? edit.insert : edit.insert.map((text) => `${indent}${text}`);
    if (anchor) placement.before.set(anchor.line, lines);
    else placement.after.set(appendAfter(section), lines);
  }
  return placement;
}

/**
 * Applies edits to several sections in one pass over the lines, so rewriting a thousand
 * profiles costs one pass, not a thousand.
 */
export function editSections(doc: Document, edits: { section: Section; edit: SectionEdit }[]): string {
  const { dropped, before, after } = place(doc, edits);
  const out: OutLine[] = [];
  const emit = (lines: string[] | undefined): void => {
    for (const text of lines ?? []) out.push({ text, eol: doc.eol, added: true });
  };
  for (const line of doc.lines) {
    emit(before.get(line.number));
    if (!dropped.has(line.number)) out.push({ text: line.text, eol: line.eol });
    emit(after.get(line.number));
  }
  return join(out, endsWithEol(doc), doc.eol);
}

/** Adds a new section at the end of the file, after one blank line. */
export function appendSection(doc: Document, header: string, lines: string[]): string {
  const out: OutLine[] = doc.lines.map((line) => ({ text: line.text, eol: line.eol }));
  const last = doc.lines[doc.lines.length - 1];
  if (last && last.text.trim() !== '') out.push({ text: '', eol: doc.eol });
  out.push({ text: `[${header}]`, eol: doc.eol, added: true });
  for (const text of lines) out.push({ text, eol: doc.eol, added: true });
  return join(out, doc.lines.length === 0 || endsWithEol(doc), doc.eol);
}

function endsWithEol(doc: Document): boolean {
  const last = doc.lines[doc.lines.length - 1];
  return !last || last.eol !== '';
}

/**
 * Joins lines. A kept line keeps its own end-of-line; one that was last and is no longer needs
 * one now. A line added at the very end follows the file's choice of a final newline or none.
 */
function join(lines: OutLine[], finalEol: boolean, eol: string): string {
  let text = '';
  lines.forEach((line, i) => {
    const isLast = i === lines.length - 1;
    if (!isLast) text += line.text + (line.eol || eol);
    else if (line.added) text += line.text + (finalEol ? eol : '');
    else text += line.text + line.eol;
  });
  return text;
}

/** The document's text rebuilt from its lines: equal to `doc.text` by construction. */
export function serialize(doc: Document): string {
  return doc.lines.map((line) => line.text + line.eol).join('');
}
