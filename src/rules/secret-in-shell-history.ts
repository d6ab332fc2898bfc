// An AWS secret typed on the command line stays in the shell's history file for years:
// `aws configure set aws_secret_access_key …`, `export AWS_SECRET_ACCESS_KEY=…`, fish's
// `set -gx AWS_SECRET_ACCESS_KEY …`, or a secret next to a keyword anywhere in a command. A key ID
// alone is not a secret (`aws iam delete-access-key --access-key-id AKIA…` is routine); next to a
// secret in the same command it is reported too. sources/history.ts reads the files and keeps only
// the commands that may hold a credential; every scan here is linear in the command's length.
import { redact } from '../redact.js';
import { findKeyIds, findSecrets, isExample, shannonEntropy } from './patterns.js';
import type { RawFinding, Rule, Sources } from './types.js';
import type { HistoryEntry, HistoryFile } from '../sources/types.js';

export interface Word {
  /** The word as the shell passes it: quotes removed, escapes applied. */
  value: string;
  /** Holds `$` or a backtick outside single quotes: its value is computed when the command runs. */
  computed: boolean;
}

const SEPARATORS = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '(', ')', '<', '>']);

/** Splits a command into shell words in one pass (POSIX quoting; fish's is close enough for this). */
export function shellWords(text: string): Word[] {
  const words: Word[] = [];
  let value = '';
  let computed = false;
  let inWord = false;
  const end = (): void => {
    if (inWord) words.push({ value, computed });
    value = '';
    computed = false;
    inWord = false;
  };
  for (let i = 0; i < text.length;) {
    const c = text.charAt(i);
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 ? text.length : close;
      value += text.slice(i + 1, stop);
      inWord = true;
      i = stop + 1;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < text.length && text.charAt(i) !== '"'; i++) {
        const d = text.charAt(i);
        if (d === '\\' && i + 1 < text.length) value += text.charAt(++i);
        else {
          if (d === '$' || d === '`') computed = true;
          value += d;
        }
      }
      i++;
    } else if (c === '\\') {
      // Backslash-newline joins lines; any other escaped character is literal.
      if (text.charAt(i + 1) !== '\n') {
        value += text.charAt(i + 1);
        inWord = true;
      }
      i += 2;
    } else if (SEPARATORS.has(c)) {
      end();
      i++;
    } else {
      if (c === '$' || c === '`') computed = true;
      value += c;
      inWord = true;
      i++;
    }
  }
  end();
  return words;
}

type Kind = 'secret access key' | 'session token' | 'access key ID';

const TOKEN_NAMES = new Set(['AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'aws_session_token']);
const CONFIGURE_KEYS = new Set(['aws_secret_access_key', 'aws_session_token']);
const SECRET_SHAPE = /^[A-Za-z0-9/+][A-Za-z0-9/+=]{39}$/;
const TOKEN_SHAPE = /^[A-Za-z0-9/+=]{100,}$/;

/** A literal value given to an AWS credential name: a secret or a session token, else nothing. */
function classify(name: string, word: Word | undefined): { kind: Kind; value: string } | undefined {
  if (!word || word.computed || word.value === '') return undefined;
  const value = word.value;
  if (TOKEN_NAMES.has(name) && TOKEN_SHAPE.test(value)) return { kind: 'session token', value };
  // Named context, so no keyword or mixed-case test: only the shape, no hex hash, no example, no filler.
  if (SECRET_SHAPE.test(value) && !/^[0-9a-f]{40}$/i.test(value) && !isExample(value) && shannonEntropy(value) >= 3) {
    return { kind: 'secret access key', value };
  }
  return undefined;
}

/**
 * Values assigned to `AWS_*` (`X=v`, `export X=v`, `env X=v cmd`, fish `set -gx X v`) or given to
 * `aws configure set`. One pass over the words: each word is looked at a bounded number of times.
 */
function namedValues(words: Word[]): { kind: Kind; value: string }[] {
  const found: ({ kind: Kind; value: string } | undefined)[] = [];
  let configureSet = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    const eq = word.value.indexOf('=');
    if (eq > 4 && word.value.startsWith('AWS_') && /^AWS_[A-Z0-9_]*$/.test(word.value.slice(0, eq))) {
      found.push(classify(word.value.slice(0, eq), { value: word.value.slice(eq + 1), computed: word.computed }));
    } else if (word.value === 'set' && words[i - 1]?.value === 'configure') {
      configureSet = true;
    } else if (word.value === 'set' || word.value === 'setenv') {
      let j = i + 1;
      while (words[j]?.value.startsWith('-')) j++;
      const name = words[j]?.value ?? '';
      if (name.startsWith('AWS_')) found.push(classify(name, words[j + 1]));
    } else if (configureSet && CONFIGURE_KEYS.has(word.value.slice(word.value.lastIndexOf('.') + 1))) {
      found.push(classify(word.value.slice(word.value.lastIndexOf('.') + 1), words[i + 1]));
    }
  }
  return found.filter((f) => f !== undefined);
}

/** The credentials one command holds: its secrets and tokens, and its key IDs when it holds either. */
export function commandCredentials(text: string): { kind: Kind; value: string }[] {
  const secrets = [...namedValues(shellWords(text)),
    ...findSecrets(text).map((m) => ({ kind: 'secret access key' as const, value: m.value }))];
  if (secrets.length === 0) return [];
  const ids = findKeyIds(text).map((m) => ({ kind: 'access key ID' as const, value: m.value }));
  const seen = new Set<string>();
  return [...secrets, ...ids].filter((c) => !seen.has(c.value) && (seen.add(c.value), true));
}

function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function howToDelete(file: HistoryFile, entry: HistoryEntry): string {
  const lines = entry.line === entry.lastLine ? `${entry.line}` : `${entry.line},${entry.lastLine}`;
  switch (file.shell) {
    case 'fish':
      return 'In fish, run `history delete --case-sensitive --contains` followed by the key (fish lists the matching ' +
        'commands and asks which to delete, and rewrites its history file itself).';
    case 'zsh':
      return `Delete the command: close the other zsh sessions (each one writes its history back when it exits), run ` +
        `\`sed -i '${lines}d' ${quoted(file.path)}\`, then start a new zsh.`;
    case 'bash':
      return `Delete the command: close the other bash sessions (each one writes its history back when it exits), run ` +
        `\`sed -i '${lines}d' ${quoted(file.path)}\`, then \`history -c; history -r\` in this one.`;
  }
}

/**
 * commandCredentials per entry object, remembered: the daemon's history cache hands the same entry
 * objects to every rescan, so a command is analysed once, not on every keystroke-triggered scan.
 */
const analysed = new WeakMap<HistoryEntry, { kind: Kind; value: string }[]>();

function credentialsOf(entry: HistoryEntry): { kind: Kind; value: string }[] {
  let found = analysed.get(entry);
  if (!found) analysed.set(entry, (found = commandCredentials(entry.text)));
  return found;
}

function check(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const file of sources.histories ?? []) {
    const first = new Map<string, { kind: Kind; entry: HistoryEntry; count: number }>();
    for (const entry of file.entries) {
      for (const { kind, value } of credentialsOf(entry)) {
        const seen = first.get(value);
        if (seen) seen.count++;
        else first.set(value, { kind, entry, count: 1 });
      }
    }
    for (const [value, { kind, entry, count }] of first) {
      const evidence = redact(value);
      findings.push({
        ruleId: secretInShellHistory.id, severity: secretInShellHistory.severity, file: file.path, line: entry.line, key: evidence,
        message: `An AWS ${kind} was typed in a ${file.shell} command and is kept in plain text in its history` +
          `${count > 1 ? ` (${count} commands; the first is shown)` : ''}.`,
        remediation: `The key was exposed in plain text. ${howToDelete(file, entry)} Then rotate the key: create a new one and ` +
          'deactivate this one in IAM (`keyward rotate` will do this once it exists): copies and backups of the history still hold it.',
        evidence,
      });
    }
  }
  return findings;
}

export const secretInShellHistory: Rule = {
  id: 'secret-in-shell-history',
  severity: 'high',
  title: 'AWS secret in a shell history file',
  description: 'An AWS secret access key or session token in ~/.bash_history, ~/.zsh_history (plain or extended, multi-line ' +
    'commands included), fish\'s fish_history or the file a HISTFILE= in a start-up file names: assigned to an AWS_* variable, ' +
    'passed to `aws configure set`, or a 40-character secret after a keyword; a key ID in the same command is reported too. ' +
    'A key ID alone, the AWS documentation examples (…EXAMPLE), and values computed at run time ($(…), ${VAR}) are not findings.',
  check,
};
