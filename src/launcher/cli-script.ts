// The installed `keyward` (issue 16): a /bin/sh script beside the credential_process launcher,
// `$XDG_DATA_HOME/keyward/bin/keyward`, that runs the installed version's CLI with the recorded
// node — except `keyward scan` while `keyward watch` serves its agent: then one `curl` asks the
// daemon to run the scan (agent/scan-route.ts) and prints its answer, with no Node start. Any other
// answer (no curl, no socket, a declined scan, an error, a timeout) runs node, exactly as without it.
//
// What goes to the daemon: the arguments and this process's environment (`env -0`), NUL-separated,
// over the private socket (agent/server.ts: a 0700 directory of ours) — to the same user's daemon,
// never an argument list or a file. The reply is the scan's own output (findings are redacted).
import path from 'node:path';
import { AGENT_API, AGENT_SOCKET_NAME, SCAN_END, SCAN_FINDINGS_STATUS } from '../agent/paths.js';
import type { AgentPlace } from '../agent/paths.js';
import { dataDir } from '../platform/paths.js';
import { AGENT_OFF_VARIABLE, SOCKET_IS_OURS, agentDirLines } from './fast-path.js';
import { nodeLines, writeScriptIfChanged } from './script-file.js';

type Env = Readonly<Record<string, string | undefined>>;

/** curl's limit: a scan of a large home takes well under a second; past this, node runs it instead. */
const MAX_TIME = 10;

/** `$XDG_DATA_HOME/keyward/bin/keyward` (default `~/.local/share/...`). */
export function cliScriptPath(env: Env, home: string): string {
  return path.join(dataDir(env, home), 'keyward', 'bin', 'keyward');
}

export interface CliScriptNeeds {
  napi: number;
  nodeVersion?: string;
}

/** The script text; pure. */
export function cliScript(nodePath: string, cli: string, needs: CliScriptNeeds, place: AgentPlace = {}): string {
  return [
    '#!/bin/sh',
    '# Written by keyward (installCliScript): keyward, as installed. `keyward scan` asks the running',
    '# daemon first (keyward watch); everything else, and any scan it does not answer, runs node.',
    `# Recorded by node ${needs.nodeVersion ?? 'unknown'}; keytar's addon here needs Node-API ${needs.napi || 'unknown'}.`,
    `if [ "\${1:-}" = scan ] && [ "\${${AGENT_OFF_VARIABLE}:-}" != off ]; then`,
    ...agentDirLines(place).map((line) => `  ${line}`),
    `  kw_sock=$kw_dir/${AGENT_SOCKET_NAME}`,
    `  if [ -S "$kw_sock" ] && command -v curl >/dev/null 2>&1 && ${SOCKET_IS_OURS}; then`,
    '    kw_tty=0',
    '    [ -t 1 ] && kw_tty=1',
    // The daemon resolves nothing against its own directory for a caller in another (scan-route.ts).
    '    export PWD',
    // END only after a complete `env -0`: a partial environment is refused, and node runs the scan.
    // The answer goes to a file in the agent's private directory, not a shell variable: dash's
    // ${x%???} on a 200 KB answer is quadratic (23 s measured), and curl's exit status says
    // whether the file is whole before any of it is printed.
    '    kw_tmp=$kw_dir/scan-answer.$$',
    `    kw_code=$({ printf '%s\\0' "$@"; env -0 2>/dev/null && printf '%s\\0' ${SCAN_END}; } | curl --silent --max-time ${MAX_TIME} \\`,
    `      --unix-socket "$kw_sock" -H 'content-type: application/octet-stream' --data-binary @- -o "$kw_tmp" -w '%{http_code}' \\`,
    `      "http://keyward/${AGENT_API}/scan?argc=$#&tty=$kw_tty" 2>/dev/null) || kw_code=`,
    // 200 is exit 0, 299 exit 1 (a finding at or above --fail-on); anything else: node.
    '    case $kw_code in',
    // Once printing has begun, node must not print it again: exit whatever cat says.
    `      200|${SCAN_FINDINGS_STATUS}) cat "$kw_tmp"; kw_cat=$?; rm -f "$kw_tmp"; [ "$kw_cat" = 0 ] || exit 1; [ "$kw_code" = 200 ]; exit $? ;;`,
    '    esac',
    '    rm -f "$kw_tmp"',
    '  fi',
    'fi',
    ...nodeLines(nodePath, cli, needs.napi),
    `[ -f "$entry" ] || { echo "keyward: $entry is gone (keyward moved or uninstalled); reinstall keyward, then run 'keyward migrate' to record it" >&2; exit 1; }`,
    'exec "$node" "$entry" "$@"',
    '',
  ].join('\n');
}

export interface InstallCliScriptOptions extends CliScriptNeeds {
  env: Env;
  home: string;
  nodePath: string;
  /** The installed version's dist/keyward.mjs. */
  cli: string;
}

/** Writes the script atomically; idempotent. Returns its path. */
export function installCliScript(options: InstallCliScriptOptions): string {
  const file = cliScriptPath(options.env, options.home);
  writeScriptIfChanged(file, cliScript(options.nodePath, options.cli, options));
  return file;
}
