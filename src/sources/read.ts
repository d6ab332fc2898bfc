// Reading a non-AWS file for the scan (shell start-up files, `.env`, `.boto`, …). A missing file
// is normal; anything else that stops the read becomes a FileError for the report, never an
// exception out of scan(). Decoding is lenient: a stray byte in a `.bashrc` must not hide a key.
import { splitLines } from '../awsconfig/parse.js';
import { readRegularFile } from '../fsutil/read-file.js';
import type { FileStat } from '../fsutil/read-file.js';
import type { FileError } from './types.js';

export type TextRead = { text: string; stat: FileStat } | { error: FileError } | null;

export function readTextFile(file: string): TextRead {
  const read = readRegularFile(file);
  if (read.ok) return { text: read.bytes.toString('utf8'), stat: read.stat };
  return read.missing ? null : { error: { file, message: read.problem } };
}

/** Splits on \r\n, \r or \n, the way the AWS files' parser counts lines. */
export function textLines(text: string): string[] {
  if (text.includes('\r')) return splitLines(text).map((line) => line.text);
  // Without a \r, the same lines as splitLines: a final empty piece is no line.
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
