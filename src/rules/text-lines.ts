// Reading shell start-up files, dotenv files and INI-like files line by line. A commented line is
// text, not a setting: it can leak a secret but cannot turn anything on.
import { unquote } from './patterns.js';
import type { TextFile } from './types.js';

export interface TextLine {
  file: TextFile;
  /** 1-based. */
  number: number;
  text: string;
  comment: boolean;
}

/** `#` starts a comment in sh, fish and dotenv; INI files (alias, .boto, .s3cfg) also allow `;`. */
export function isCommentLine(text: string, kind: TextFile['kind']): boolean {
  const stripped = text.trimStart();
  if (stripped.startsWith('#')) return true;
  return (kind === 'alias' || kind === 'boto' || kind === 's3cfg') && stripped.startsWith(';');
}

// Seven rules walk the same lines: each file's are classified once per scan (a new scan reads new
// TextFile objects, so the cache never outlives its file).
const linesOf = new WeakMap<TextFile, TextLine[]>();

function fileLines(file: TextFile): TextLine[] {
  let lines = linesOf.get(file);
  if (!lines) {
    lines = file.lines.map((text, i) => ({ file, number: i + 1, text, comment: isCommentLine(text, file.kind) }));
    linesOf.set(file, lines);
  }
  return lines;
}

export function textLines(files: TextFile[]): TextLine[] {
  return files.length === 1 ? fileLines(files[0] as TextFile) : files.flatMap(fileLines);
}

export function shellFiles(files: TextFile[]): TextFile[] {
  return files.filter((f) => f.kind === 'shell' || f.kind === 'fish' || f.kind === 'env');
}

export interface Assignment {
  name: string;
  /** The value with one pair of quotes removed; `raw` keeps them. */
  value: string;
  raw: string;
  /** Column (0-based) where the value starts. */
  index: number;
}

// `NAME=value` anywhere a shell word can start: `export NAME=…`, `declare -x NAME=…`,
// `NAME=… cmd`, and plain dotenv lines. The value is one shell word (quoted or bare).
const POSIX_ASSIGNMENT = /(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|)]*)/g;
// fish: `set -gx NAME value` / `set -x NAME value`; csh: `setenv NAME value`.
const FISH_ASSIGNMENT = /(?:^|[\s;])(?:set\s+(?:-[a-zA-Z]+\s+)*|setenv\s+)([A-Za-z_][A-Za-z0-9_]*)\s+("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;]*)/g;

/** Variable assignments on one uncommented line. */
export function assignments(text: string): Assignment[] {
  const found: Assignment[] = [];
  for (const pattern of [POSIX_ASSIGNMENT, FISH_ASSIGNMENT]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const raw = m[2] as string;
      found.push({ name: m[1] as string, raw, value: unquote(raw), index: m.index + m[0].length - raw.length });
    }
  }
  return found;
}
