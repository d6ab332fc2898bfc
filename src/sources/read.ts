// Reading one file for the scan. A missing file is normal; anything else that stops the read
// becomes a ScanError for the report, never an exception out of scan().
import { readFile } from 'node:fs/promises';
import { splitLines } from '../awsconfig/parse.js';
import { statPath } from './stat.js';
import type { FileStat } from '../rules/types.js';

export interface ScanError {
  file: string;
  line?: number;
  message: string;
}

/** Larger files are not shell start-up or AWS files; reading them would only slow the daemon down. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export type ReadResult = { text: string; stat: FileStat } | { error: ScanError } | null;

export async function readTextFile(file: string): Promise<ReadResult> {
  try {
    const stat = await statPath(file);
    if (!stat) return null;
    if (!stat.isFile) return { error: { file, message: 'is not a regular file, so it was not scanned' } };
    const buffer = await readFile(file);
    if (buffer.length > MAX_FILE_BYTES) return { error: { file, message: `is larger than ${MAX_FILE_BYTES} bytes, so it was not scanned` } };
    return { text: buffer.toString('utf8'), stat };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    // The error's own message may quote the path only; never file text.
    return { error: { file, message: `cannot be read (${code})` } };
  }
}

/** Splits on \r\n, \r or \n, the way the AWS files' parser counts lines. */
export function textLines(text: string): string[] {
  return splitLines(text).map((line) => line.text);
}
