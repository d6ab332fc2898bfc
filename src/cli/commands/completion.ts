// `keyward completion bash|zsh|fish`: a completion script built from the command registry, so it
// lists exactly the commands and options `keyward --help` does. Install it as the README says.
import { KeywardError } from '../../errors.js';
import type { Context } from '../../context.js';
import { EXIT } from '../exit-codes.js';
import { COMMAND_LIST as commands } from '../command-list.js';
import type { CommandInfo as CommandEntry } from '../command-list.js';

const HELP = `Usage: keyward completion bash|zsh|fish

Prints a completion script for the shell. For example:
  bash:  keyward completion bash > ~/.local/share/bash-completion/completions/keyward
  zsh:   keyward completion zsh > "\${fpath[1]}/_keyward"
  fish:  keyward completion fish > ~/.config/fish/completions/keyward.fish

Options:
  -h, --help  show this help
`;

const GLOBAL = ['--help', '--version', '--debug'];

function words(entry: CommandEntry): string {
  return [...entry.flags, ...(entry.words ?? []), '--debug'].join(' ');
}

export function bashScript(): string {
  const cases = commands.map((c) => `    ${c.name}) opts='${words(c)}' ;;`).join('\n');
  return `# keyward completion for bash
_keyward() {
  local cur=\${COMP_WORDS[COMP_CWORD]} opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W '${commands.map((c) => c.name).join(' ')} ${GLOBAL.join(' ')}' -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    *) opts='' ;;
  esac
  COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
}
complete -F _keyward keyward
`;
}

export function zshScript(): string {
  const cases = commands.map((c) => `    ${c.name}) compadd -- ${words(c)} ;;`).join('\n');
  return `#compdef keyward
# keyward completion for zsh
_keyward() {
  if (( CURRENT == 2 )); then
    compadd -- ${commands.map((c) => c.name).join(' ')} ${GLOBAL.join(' ')}
    return
  fi
  case $words[2] in
${cases}
  esac
}
compdef _keyward keyward
`;
}

export function fishScript(): string {
  const lines = [
    '# keyward completion for fish',
    'complete -c keyward -f',
    ...commands.map((c) => `complete -c keyward -n __fish_use_subcommand -a ${c.name} -d ${JSON.stringify(c.summary.replace(/'/g, ''))}`),
    ...commands.flatMap((c) => [
      ...c.flags.map((f) => `complete -c keyward -n '__fish_seen_subcommand_from ${c.name}' -l ${f.slice(2)}`),
      ...(c.words?.length ? [`complete -c keyward -n '__fish_seen_subcommand_from ${c.name}' -a '${c.words.join(' ')}'`] : []),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

const SCRIPTS = new Map<string, () => string>([['bash', bashScript], ['zsh', zshScript], ['fish', fishScript]]);

export async function run(argv: string[], ctx: Context): Promise<number> {
  const [shell, ...extra] = argv;
  if (shell === '--help' || shell === '-h') {
    ctx.out.write(HELP);
    return EXIT.ok;
  }
  if (shell?.startsWith('-')) throw new KeywardError('usage', `unknown option '${shell}'`, "Run 'keyward completion --help'.");
  const script = shell === undefined ? undefined : SCRIPTS.get(shell.toLowerCase());
  if (!script || extra.length > 0) {
    throw new KeywardError('usage', shell === undefined ? 'completion needs a shell' : `no completion for '${shell}'`, 'Use bash, zsh or fish.');
  }
  ctx.out.write(script());
  return EXIT.ok;
}
