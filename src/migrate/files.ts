// The two AWS files as migrate and restore need them. Unlike the scan, these commands rewrite the
// files, so any error entry of the shared reader (sources/aws-file.ts) stops them before anything
// changes; a missing file is an empty one.
import { parse } from '../awsconfig/parse.js';
import type { Env } from '../awsconfig/paths.js';
import type { Document, FileKind } from '../awsconfig/document.js';
import { profileViews } from '../awsconfig/profiles.js';
import type { SourceFile } from '../awsconfig/profiles.js';
import { KeywardError } from '../errors.js';
import { hardLinked } from '../fsutil/atomic-write.js';
import { readAwsFiles } from '../sources/aws-file.js';
import type { AwsFilePaths } from '../sources/aws-file.js';
import type { AwsFile, FileError } from '../sources/types.js';

export interface LoadedFile extends SourceFile {
  path: string;
  /** The text as read; null when the file does not exist. */
  text: string | null;
  doc: Document;
}

export interface LoadedFiles {
  config: LoadedFile;
  credentials: LoadedFile;
  /** Both, credentials first (the order in which they are planned and written). */
  all: LoadedFile[];
}

function loaded(file: AwsFile | null, path: string, kind: FileKind): LoadedFile {
  return file ? { path, text: file.text, doc: file.doc } : { path, text: null, doc: parse('', kind) };
}

export function loadAwsFiles(env: Env, home: string): LoadedFiles {
  const read = readAwsFiles(env, home);
  const first = read.errors[0];
  if (first) throw refused(first);
  if (sameFile(read.config, read.credentials, read.paths)) throw oneFileTwice(read.paths.config);
  for (const file of [read.credentials, read.config]) {
    if (file && file.stat.nlink > 1) throw hardLinked(file.path, file.stat.nlink);
  }
  const credentials = loaded(read.credentials, read.paths.credentials, 'credentials');
  const config = loaded(read.config, read.paths.config, 'config');
  return { config, credentials, all: [credentials, config] };
}

/** Both variables name one file (by path, or through a link): botocore reads it twice, once as each kind. */
function sameFile(config: AwsFile | null, credentials: AwsFile | null, paths: AwsFilePaths): boolean {
  if (paths.config === paths.credentials) return true;
  return config !== null && credentials !== null && config.stat.dev === credentials.stat.dev && config.stat.ino === credentials.stat.ino;
}

function oneFileTwice(file: string): KeywardError {
  return new KeywardError('usage', `AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE both name ${file}`,
    'The AWS CLI reads that file twice, as config and as credentials, and keyward will not rewrite one file as two. Point one of the variables at another file (or unset it), then run again; nothing was changed.');
}

function refused(error: FileError): KeywardError {
  const where = error.line !== undefined ? `${error.file} line ${error.line}` : error.file;
  return new KeywardError('parse-error', `${where}: ${error.message}`,
    'Fix it and run again (the AWS CLI cannot use it either); nothing was changed.');
}

/** A --profile that names no profile botocore sees in either file is a typo: say so rather than do nothing. */
export function checkProfilesExist(files: LoadedFiles, profiles: string[]): void {
  const known = profileViews(files.config, files.credentials);
  const unknown = profiles.find((p) => !known.has(p));
  if (unknown === undefined) return;
  throw new KeywardError('usage', `no profile named '${unknown}' in ${files.all.map((f) => f.path).join(' or ')}`,
    'Check the spelling (`keyward status` lists the profiles); names with spaces or quotes need quoting in the shell.');
}
