// What keyward's two installed /bin/sh scripts share (the credential_process launcher, install.ts,
// and the installed `keyward`, cli-script.ts): the lines that pick the node to run, and the
// atomic write of a script (temp file + rename in the same directory, mode 0700).
import fs from 'node:fs';
import path from 'node:path';
import { shellQuote } from '../awsconfig/shlex.js';

const FIX = "rebuild keyward under the node you use now (npm rebuild, or npm i -g keyward), then run 'keyward migrate' to record it";

/** `node=` and `entry=` recorded, and the fallback when that node vanished (nvm/asdf uninstall, package upgrade). */
export function nodeLines(nodePath: string, entry: string, napi: number): string[] {
  return [
    `node=${shellQuote(nodePath)}`,
    `entry=${shellQuote(entry)}`,
    `napi=${napi}`,
    // Use node on PATH then, but only one that can load keytar's addon (an older Node-API crashes on it instead of failing).
    'if [ ! -x "$node" ]; then',
    `  path_node=$(command -v node) || { echo "keyward: the node this launcher recorded ($node) is gone and no node is on PATH; ${FIX}" >&2; exit 1; }`,
    '  have=$("$path_node" -p process.versions.napi 2>/dev/null) || have=0',
    `  [ "$have" -ge "$napi" ] 2>/dev/null || { echo "keyward: the node this launcher recorded ($node) is gone and $path_node offers Node-API $have, older than the Node-API $napi keytar was built for; ${FIX}" >&2; exit 1; }`,
    '  node=$path_node',
    'fi',
  ];
}

/** Writes `text` to `file` (mode 0700, in a 0700 directory) unless it already holds exactly that. */
export function writeScriptIfChanged(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(file), 0o700);
  if (readOrNull(file) === text && (fs.statSync(file).mode & 0o777) === 0o700) return;
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, text, { mode: 0o700 });
    fs.chmodSync(temp, 0o700);
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
