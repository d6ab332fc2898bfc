// Reading the AWS config and credentials files, for every command: scan, migrate, restore, status
// and the daemon. Strict like botocore (which is what the AWS CLI uses): text that is not UTF-8,
// or that configparser refuses, is an error entry naming the file and line — the AWS CLI itself
// is broken until it is fixed. Each caller decides what an error means to it (scan reports it and
// exits 2; migrate and restore stop before changing anything).
import { parse } from '../awsconfig/parse.js';
import { configPath, credentialsPath } from '../awsconfig/paths.js';
import type { Env } from '../awsconfig/paths.js';
import type { FileKind } from '../awsconfig/document.js';
import { readRegularFile } from '../fsutil/read-file.js';
import type { AwsFile, FileError } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The prefix of every error that means "botocore would refuse this file". */
export const REFUSED = 'the AWS CLI refuses this file';

/** One AWS file: the parsed file, null when it does not exist, or the errors that stop its use. */
export type AwsFileRead = { file: AwsFile; errors: FileError[] } | { file: null; errors: FileError[] };

export function readAwsFile(path: string, kind: FileKind): AwsFileRead {
  const read = readRegularFile(path);
  if (!read.ok) return { file: null, errors: read.missing ? [] : [{ file: path, message: read.problem }] };
  let text: string;
  try {
    text = utf8.decode(read.bytes);
  } catch {
    return { file: null, errors: [{ file: path, line: firstInvalidLine(read.bytes), message: `${REFUSED}: it is not valid UTF-8` }] };
  }
  const doc = parse(text, kind);
  const errors = doc.diagnostics.map((d) => ({ file: path, line: d.line, message: `${REFUSED}: ${d.message}` }));
  return { file: { path, kind, text, doc, stat: read.stat }, errors };
}

/** The 1-based line of the first byte sequence that is not UTF-8. */
function firstInvalidLine(bytes: Buffer): number {
  let good = 0;
  for (let end = bytes.length; good < end;) {
    // Binary search for the longest valid prefix: decode is the only exact judge of validity.
    const mid = Math.ceil((good + end) / 2);
    if (isUtf8Prefix(bytes.subarray(0, mid))) good = mid;
    else end = mid - 1;
  }
  let line = 1;
  for (let i = 0; i < good; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  return line;
}

function isUtf8Prefix(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export interface AwsFilePaths {
  config: string;
  credentials: string;
}

export function awsFilePaths(env: Env, home: string): AwsFilePaths {
  return { config: configPath(env, home), credentials: credentialsPath(env, home) };
}

export interface AwsFilesRead {
  config: AwsFile | null;
  credentials: AwsFile | null;
  paths: AwsFilePaths;
  errors: FileError[];
}

/** Both AWS files for this environment, as botocore finds them. */
export function readAwsFiles(env: Env, home: string): AwsFilesRead {
  const paths = awsFilePaths(env, home);
  const config = readAwsFile(paths.config, 'config');
  const credentials = readAwsFile(paths.credentials, 'credentials');
  return { config: config.file, credentials: credentials.file, paths, errors: [...config.errors, ...credentials.errors] };
}
