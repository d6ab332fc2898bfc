// Reading shell histories: bash (one command a line), zsh (plain, or extended `: <time>:<dur>;<cmd>`,
// a command whose line ends with `\` going on to the next line) and fish (`- cmd: …` entries with
// `\n` and `\\` escapes). Histories grow on every command and reach many MB, so they are read in
// chunks (fsutil's readRegularFileChunks) and only the commands that may hold a credential are kept.
//
// With a HistoryCache (the daemon keeps one for its lifetime) a file read before is read only from
// where the last read stopped, plus ANCHOR_BYTES before it: when those bytes are unchanged the file
// only grew. A new inode (zsh and bash save by rename), a size below the last offset (truncation),
// or changed anchor bytes (rewritten in place) make it a fresh read from byte 0. The last command
// may still be unfinished (a zsh continuation, a line without its newline yet): it is parsed for
// this result but read again next time.
import path from 'node:path';
import { readRegularFileChunks } from '../fsutil/read-file.js';
import type { FileStat } from '../fsutil/read-file.js';
import { expandPath } from '../awsconfig/paths.js';
import type { Env } from '../awsconfig/paths.js';
import type { FileError, HistoryEntry, HistoryFile, TextFile } from './types.js';

/** A larger history is an error, like any file over its cap: `scan` reads histories whole. */
export const HISTORY_MAX_BYTES = 64 * 1024 * 1024;
/** Bytes before the last offset compared on the next read, to tell growth from a rewrite. */
export const ANCHOR_BYTES = 256;
/** A longer line (or zsh multi-line command) is analysed on its first MiB only. */
const MAX_ENTRY_BYTES = 1024 * 1024;

export interface HistoryPath {
  path: string;
  shell: HistoryFile['shell'];
}

interface HistoryState {
  dev: number;
  ino: number;
  /** Where the next read starts parsing: after the last finished command. */
  offset: number;
  /** Lines before `offset`. */
  lines: number;
  /** The ANCHOR_BYTES (or fewer) before `offset`. */
  anchor: Buffer;
  /** Kept commands before `offset`. */
  entries: HistoryEntry[];
}

/** What the daemon keeps between scans; `bytesRead` counts every byte read through it. */
export interface HistoryCache {
  states: Map<string, HistoryState>;
  bytesRead: number;
}

export function createHistoryCache(): HistoryCache {
  return { states: new Map(), bytesRead: 0 };
}

/**
 * The history files for one HOME: `~/.bash_history`, `~/.zsh_history`, fish's
 * `$XDG_DATA_HOME/fish/fish_history` (default `~/.local/share`), and each file a `HISTFILE=` in a
 * shell start-up file names (zsh's if set in a `.z*` file, else bash's). A value computed at run
 * time other than `~`, `$HOME` and set variables is skipped.
 */
export function historyPaths(env: Env, home: string, texts: readonly TextFile[]): HistoryPath[] {
  const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  const found: HistoryPath[] = [
    { path: path.join(home, '.bash_history'), shell: 'bash' },
    { path: path.join(home, '.zsh_history'), shell: 'zsh' },
    { path: path.join(dataHome, 'fish', 'fish_history'), shell: 'fish' },
  ];
  for (const file of texts) {
    if (file.kind !== 'shell') continue;
    const shell = path.basename(file.path).startsWith('.z') ? 'zsh' : 'bash';
    for (const line of file.lines) {
      const value = histfileValue(line);
      if (value === undefined) continue;
      const expanded = expandPath(value, { HOME: home, ...env }, home);
      if (expanded === '' || /[$`]/.test(expanded)) continue;
      const resolved = path.resolve(home, expanded);
      if (!found.some((f) => f.path === resolved)) found.push({ path: resolved, shell });
    }
  }
  return found;
}

/** The value of `HISTFILE=…` on an uncommented line (`export`, `typeset`, `declare` or bare), unquoted. */
export function histfileValue(line: string): string | undefined {
  const at = line.indexOf('HISTFILE=');
  if (at < 0 || line.trimStart().startsWith('#')) return undefined;
  if (at > 0 && !/[\s;&|]/.test(line.charAt(at - 1))) return undefined;
  const rest = line.slice(at + 'HISTFILE='.length);
  const quote = rest.charAt(0);
  if (quote === '"' || quote === "'") {
    const end = rest.indexOf(quote, 1);
    return end < 0 ? undefined : rest.slice(1, end);
  }
  const end = rest.search(/[\s;&|)]/);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Byte classes: 1 the secret alphabet [A-Za-z0-9/+=], 2 upper case, 4 a digit, `/` or `+`. */
const CLASS = Uint8Array.from({ length: 256 }, (_, c) => {
  const ch = String.fromCharCode(c);
  return (/[A-Za-z0-9/+=]/.test(ch) ? 1 : 0) | (/[A-Z]/.test(ch) ? 2 : 0) | (/[0-9/+]/.test(ch) ? 4 : 0);
});

/**
 * A cheap, linear pre-filter: a key ID prefix (AKIA, ASIA, ABIA, ACCA), or a run of 40+ characters
 * of the secret alphabet with an upper-case letter and a digit, `/` or `+` (paths and words rarely
 * have both; a random 40-character secret lacks them with odds of about 1 in 4,000).
 */
export function mayHoldCredential(bytes: Uint8Array): boolean {
  let run = 0;
  let seen = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c === 0x41 && i + 3 < bytes.length && isKeyIdPrefix(bytes, i)) return true;
    const cls = CLASS[c] as number;
    if (cls & 1) {
      run++;
      seen |= cls;
      if (run >= 40 && (seen & 6) === 6) return true;
    } else {
      run = 0;
      seen = 0;
    }
  }
  return false;
}

function isKeyIdPrefix(b: Uint8Array, i: number): boolean {
  const [second, third, fourth] = [b[i + 1], b[i + 2], b[i + 3]];
  if (fourth !== 0x41) return false;
  if (second === 0x4b || second === 0x53 || second === 0x42) return third === 0x49; // AKIA ASIA ABIA
  return second === 0x43 && third === 0x43; // ACCA
}

const ZSH_EXTENDED = /^: \d+:\d+;/;

/** fish writes `\` as `\\` and a newline as `\n` in `- cmd:` values. */
export function unescapeFish(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      const next = text.charAt(++i);
      out += next === 'n' ? '\n' : next === '\\' ? '\\' : `\\${next}`;
    } else {
      out += c;
    }
  }
  return out;
}

/** Turns complete lines into commands, keeping those that may hold a credential. */
class EntryParser {
  readonly entries: HistoryEntry[] = [];
  private pending: { line: number; start: number; parts: string[]; bytes: number; keep: boolean } | undefined;

  constructor(private readonly shell: HistoryFile['shell']) {}

  /** One line without its newline; `start` is its byte offset in the file. */
  line(bytes: Buffer, number: number, start: number): void {
    if (this.shell === 'fish') return this.fishLine(bytes, number);
    const continues = this.shell === 'zsh' && bytes.length > 0 && bytes[bytes.length - 1] === 0x5c;
    if (!this.pending && !continues) {
      if (mayHoldCredential(bytes)) this.entries.push({ line: number, lastLine: number, text: shText(bytes.toString('utf8')) });
      return;
    }
    const pending = this.pending ?? (this.pending = { line: number, start, parts: [], bytes: 0, keep: false });
    pending.keep ||= mayHoldCredential(bytes);
    if (pending.bytes < MAX_ENTRY_BYTES) {
      pending.parts.push(bytes.toString('utf8', 0, continues ? bytes.length - 1 : bytes.length));
      pending.bytes += bytes.length;
    }
    if (!continues) this.finish(number);
  }

  /** Byte offset of an unfinished multi-line command, if one is open. */
  pendingStart(): number | undefined {
    return this.pending?.start;
  }

  pendingLine(): number | undefined {
    return this.pending?.line;
  }

  /** End of what can be read: an open command is complete as it stands. */
  flush(lastLine: number): void {
    if (this.pending) this.finish(lastLine);
  }

  private finish(lastLine: number): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending?.keep) this.entries.push({ line: pending.line, lastLine, text: shText(pending.parts.join('\n')) });
  }

  private fishLine(bytes: Buffer, number: number): void {
    // `- cmd: ` (7 bytes) starts an entry; `  when:`, `  paths:` and path items are not commands.
    if (bytes.length < 7 || bytes.toString('latin1', 0, 7) !== '- cmd: ') return;
    const rest = bytes.subarray(7);
    if (mayHoldCredential(rest)) this.entries.push({ line: number, lastLine: number, text: unescapeFish(rest.toString('utf8')) });
  }
}

function shText(text: string): string {
  const prefix = ZSH_EXTENDED.exec(text);
  return prefix ? text.slice(prefix[0].length) : text;
}

/** Splits chunks into lines, carrying a line that spans chunks (its first MAX_ENTRY_BYTES only). */
class LineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  /** File offset where the current (unfinished) line starts. */
  lineStart: number;
  /** Number of the current line. */
  lineNo: number;

  constructor(start: number, firstLine: number, private readonly onLine: (bytes: Buffer, number: number, start: number) => void) {
    this.lineStart = start;
    this.lineNo = firstLine;
  }

  push(chunk: Buffer, position: number): void {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a, from); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      this.emit(this.take(chunk.subarray(from, nl)));
      this.lineStart = position + nl + 1;
      this.lineNo++;
      from = nl + 1;
    }
    if (from < chunk.length) this.keep(chunk.subarray(from));
  }

  /** The unfinished last line, if any bytes of it were read. */
  rest(): Buffer | undefined {
    return this.carryBytes > 0 || this.carry.length > 0 ? this.take(Buffer.alloc(0)) : undefined;
  }

  private emit(line: Buffer): void {
    const end = line.length > 0 && line[line.length - 1] === 0x0d ? line.length - 1 : line.length;
    this.onLine(line.subarray(0, end), this.lineNo, this.lineStart);
  }

  private keep(piece: Buffer): void {
    if (this.carryBytes >= MAX_ENTRY_BYTES) return;
    const copy = Buffer.from(piece.subarray(0, MAX_ENTRY_BYTES - this.carryBytes));
    this.carry.push(copy);
    this.carryBytes += copy.length;
  }

  private take(last: Buffer): Buffer {
    if (this.carry.length === 0) return last;
    const room = Math.max(0, MAX_ENTRY_BYTES - this.carryBytes);
    const line = Buffer.concat([...this.carry, last.subarray(0, room)]);
    this.carry = [];
    this.carryBytes = 0;
    return line;
  }
}

export type HistoryRead = { file: HistoryFile } | { error: FileError } | null;

/**
 * Reads one history file (null when it does not exist). With `cache`, reads only what was appended
 * since the cached read when the file only grew; the cache is updated.
 */
export function readHistory(entry: HistoryPath, cache?: HistoryCache, maxBytes = HISTORY_MAX_BYTES): HistoryRead {
  const previous = cache?.states.get(entry.path);
  let attempt = readOnce(entry, previous, maxBytes);
  if (attempt.kind === 'rewritten') attempt = readOnce(entry, undefined, maxBytes);
  if (cache) cache.bytesRead += attempt.bytesRead;
  if (attempt.kind === 'missing') {
    cache?.states.delete(entry.path);
    return null;
  }
  if (attempt.kind === 'error' || attempt.kind === 'rewritten') {
    cache?.states.delete(entry.path);
    return { error: { file: entry.path, message: attempt.kind === 'error' ? attempt.problem : 'changed while it was read' } };
  }
  const { state, tail, stat } = attempt;
  const anchor = readAnchor(entry.path, state.offset);
  if (cache) {
    cache.bytesRead += anchor.length;
    cache.states.set(entry.path, { ...state, anchor });
  }
  return { file: { path: entry.path, shell: entry.shell, entries: [...state.entries, ...tail], stat, bytesRead: attempt.bytesRead + anchor.length } };
}

type Attempt =
  | { kind: 'ok'; state: Omit<HistoryState, 'anchor'>; tail: HistoryEntry[]; stat: FileStat; bytesRead: number }
  | { kind: 'missing'; bytesRead: number }
  | { kind: 'error'; problem: string; bytesRead: number }
  | { kind: 'rewritten'; bytesRead: number };

function readOnce(entry: HistoryPath, previous: HistoryState | undefined, maxBytes: number): Attempt {
  let base: HistoryState | undefined;
  let tooLarge = false;
  const parser = new EntryParser(entry.shell);
  let splitter: LineSplitter | undefined;
  let anchorOk = true;
  const plan = (stat: FileStat, size: number): { start: number; maxBytes: number } => {
    const grew = previous && previous.dev === stat.dev && previous.ino === stat.ino && size >= previous.offset &&
      previous.anchor.length <= previous.offset;
    if (size > maxBytes) {
      tooLarge = true;
      return { start: 0, maxBytes: 0 };
    }
    base = grew ? previous : undefined;
    const start = base ? base.offset - base.anchor.length : 0;
    splitter = new LineSplitter(base?.offset ?? 0, (base?.lines ?? 0) + 1, (bytes, number, at) => parser.line(bytes, number, at));
    return { start, maxBytes: maxBytes + ANCHOR_BYTES };
  };
  const onChunk = (bytes: Buffer, position: number): void => {
    const parseFrom = base?.offset ?? 0;
    if (base && position < parseFrom) {
      const upto = Math.min(bytes.length, parseFrom - position);
      const expected = base.anchor.subarray(position - (parseFrom - base.anchor.length), position - (parseFrom - base.anchor.length) + upto);
      if (!expected.equals(bytes.subarray(0, upto))) anchorOk = false;
      bytes = bytes.subarray(upto);
      position += upto;
    }
    if (anchorOk && bytes.length > 0) splitter?.push(bytes, position);
  };
  const read = readRegularFileChunks(entry.path, plan, onChunk);
  if (!read.ok) return read.missing ? { kind: 'missing', bytesRead: 0 } : { kind: 'error', problem: read.problem, bytesRead: 0 };
  const bytesRead = read.end - read.start;
  if (tooLarge) return { kind: 'error', problem: `is larger than ${maxBytes} bytes, so it was not read (trim the history: HISTSIZE/SAVEHIST)`, bytesRead };
  if (!anchorOk || !splitter) return { kind: 'rewritten', bytesRead };
  return finishRead(parser, splitter, base, read.stat, bytesRead);
}

/** Splits what was parsed into the committed part (finished commands) and the tail read again next time. */
function finishRead(parser: EntryParser, splitter: LineSplitter, base: HistoryState | undefined, stat: FileStat, bytesRead: number): Attempt {
  const pendingStart = parser.pendingStart();
  const offset = pendingStart ?? splitter.lineStart;
  const lines = pendingStart !== undefined ? (parser.pendingLine() as number) - 1 : splitter.lineNo - 1;
  const committed = parser.entries.length;
  const rest = splitter.rest();
  if (rest) parser.line(rest, splitter.lineNo, splitter.lineStart);
  parser.flush(rest ? splitter.lineNo : splitter.lineNo - 1);
  const state = { dev: stat.dev, ino: stat.ino, offset, lines, entries: [...(base?.entries ?? []), ...parser.entries.slice(0, committed)] };
  return { kind: 'ok', state, tail: parser.entries.slice(committed), stat, bytesRead };
}

/** The ANCHOR_BYTES before `offset`, read back for the next read's comparison. */
function readAnchor(file: string, offset: number): Buffer {
  const length = Math.min(ANCHOR_BYTES, offset);
  if (length === 0) return Buffer.alloc(0);
  const pieces: Buffer[] = [];
  const read = readRegularFileChunks(file, () => ({ start: offset - length, maxBytes: length }), (bytes) => { pieces.push(Buffer.from(bytes)); });
  // An anchor that cannot be read matches nothing: the next read starts over, which is safe.
  return read.ok ? Buffer.concat(pieces) : Buffer.from('\u0000unreadable');
}
