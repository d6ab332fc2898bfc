// The launcher's fast path (issue 14): before starting node, ask keyward's agent (`keyward watch`)
// over its socket with curl. One /bin/sh block, inserted near the top of the launcher script by
// launcherScript(). Anything but a 200 with a body (no curl, no socket, a stale one, another
// user's directory, an unknown argument, a 404 for a missing item, a timeout) falls through to the
// Node shim below it, which then answers, or fails with its usual message, exactly as before.
//
// The secret passes from curl's stdout into a shell variable and out through the `printf` builtin:
// never in an argument list, the environment or a file. The query holds the profile, the item, the
// caller's pid (the launcher's $PPID, what the shim records as its ppid) and the keychain service.
import { AGENT_API, AGENT_SOCKET_NAME } from '../agent/paths.js';
import type { AgentPlace } from '../agent/paths.js';

/** Set KEYWARD_AGENT=off to skip the agent (the daemon's launcher check does: it tests the fallback). */
export const AGENT_OFF_VARIABLE = 'KEYWARD_AGENT';

/** curl's limit for the whole request: above the agent's own 1.5 s deadline, well below any CLI's patience. */
const MAX_TIME = 2;

/**
 * The block's lines. The directory rule is agent/paths.ts agentDir() in shell: the agent's
 * directory must be ours (-O) and not a symlink, the socket a socket and ours, before curl is run.
 */
export function fastPathBlock(place: AgentPlace = {}): string[] {
  return [
    '# Fast path: ask keyward\'s agent (keyward watch) on its socket; on any failure, fall through to node.',
    ...agentDirLines(place),
    // Cheapest first: without a socket (no agent running) nothing else is looked at.
    `if [ -S "$kw_dir/${AGENT_SOCKET_NAME}" ] && [ "\${${AGENT_OFF_VARIABLE}:-}" != off ] && command -v curl >/dev/null 2>&1; then`,
    `  kw_sock=$kw_dir/${AGENT_SOCKET_NAME} kw_profile= kw_item= kw_want= kw_ok=1`,
    // The shim's own argument rules (shim/args.ts): --profile and --item, each once, with a value.
    '  for kw_arg do',
    '    case $kw_want in',
    '      profile) [ -z "$kw_profile" ] && [ -n "$kw_arg" ] && kw_profile=$kw_arg || kw_ok=0; kw_want=; continue ;;',
    '      item) [ -z "$kw_item" ] && [ -n "$kw_arg" ] && kw_item=$kw_arg || kw_ok=0; kw_want=; continue ;;',
    '    esac',
    '    case $kw_arg in',
    '      --profile) kw_want=profile ;;',
    '      --item) kw_want=item ;;',
    '      --profile=?*) [ -z "$kw_profile" ] && kw_profile=${kw_arg#--profile=} || kw_ok=0 ;;',
    '      --item=?*) [ -z "$kw_item" ] && kw_item=${kw_arg#--item=} || kw_ok=0 ;;',
    '      *) kw_ok=0 ;;',
    '    esac',
    '  done',
    `  if [ "$kw_ok" = 1 ] && [ -z "$kw_want" ] && [ -n "$kw_profile" ] && ${SOCKET_IS_OURS}; then`,
    `    kw_out=$(curl --silent --fail --max-time ${MAX_TIME} --unix-socket "$kw_sock" --get \\`,
    '      --data-urlencode "profile=$kw_profile" --data-urlencode "item=$kw_item" \\',
    '      --data-urlencode "pid=$PPID" --data-urlencode "service=${KEYWARD_SERVICE:-}" \\',
    `      http://keyward/${AGENT_API}/credentials 2>/dev/null) && [ -n "$kw_out" ] && { printf '%s\\n' "$kw_out"; exit 0; }`,
    '  fi',
    'fi',
  ];
}

/** `kw_dir=` the agent's directory, as agent/paths.ts agentDir() decides it. */
export function agentDirLines(place: AgentPlace = {}): string[] {
  const platform = place.platform ?? process.platform;
  const fallback = platform === 'darwin' ? '${TMPDIR:-/tmp}/keyward' : `/tmp/keyward-${place.uid ?? process.getuid?.() ?? 0}`;
  return [
    'case ${XDG_RUNTIME_DIR:-} in',
    '  /*) kw_dir=$XDG_RUNTIME_DIR/keyward ;;',
    `  *) kw_dir=${fallback} ;;`,
    'esac',
  ];
}

/** The directory is ours and not a symlink, the socket a socket and ours: checked before curl runs. */
export const SOCKET_IS_OURS = '[ -O "$kw_dir" ] && [ ! -h "$kw_dir" ] && [ -S "$kw_sock" ] && [ -O "$kw_sock" ]';
