// Loads the two AWS files for migrate and restore. Unlike the scan, these commands rewrite the
// files, so a file botocore refuses (or that is not UTF-8) stops them before anything changes.
import fs from 'node:fs';
import { parse } from '../awsconfig/parse.js';
import { configPath, credentialsPath } from '../awsconfig/paths.js';
import type { Env } from '../awsconfig/paths.js';
import type { Document, FileKind } from '../awsconfig/document.js';
import { KeywardError } from '../errors.js';

export interface LoadedFile {
  path: string;
  /** The text as read; null when the file does not exist. */
  text: string | null;
  doc: Document;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function loadAwsFile(file: string, kind: FileKind): LoadedFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { path: file, text: null, doc: parse('', kind) };
    throw new KeywardError('file-unreadable', `cannot read ${file} (${code ?? 'error'})`,
      'Check its permissions and run again; nothing was changed.', { cause: error });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw refused(file, 'is not valid UTF-8');
  }
  const doc = parse(text, kind);
  const first = doc.diagnostics[0];
  if (first) throw refused(file, `line ${first.line}: ${first.message}`);
  return { path: file, text, doc };
}

function refused(file: string, detail: string): KeywardError {
  return new KeywardError('parse-error', `${file} ${detail}`,
    'The AWS CLI refuses this file too. Fix it and run again; nothing was changed.');
}

export function loadAwsFiles(env: Env, home: string): LoadedFile[] {
  return [loadAwsFile(credentialsPath(env, home), 'credentials'), loadAwsFile(configPath(env, home), 'config')];
}
