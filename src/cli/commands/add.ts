// keyward add: stores a key typed at a hidden prompt (or piped with --stdin) and points the
// profile at keyward's credential_process line.
import { notifyAgent } from '../../agent/client.js';
import type { Context } from '../../context.js';
import { jsonToShow, linesToShow } from '../../display.js';
import { KeywardError } from '../../errors.js';
import { addKey } from '../../lifecycle/add.js';
import type { NewKey } from '../../lifecycle/add.js';
import { openLifecycleStores } from '../../lifecycle/stores.js';
import { formatOption, parseCommandArgs } from '../args.js';
import { askHidden } from '../hidden-prompt.js';
import { EXIT } from '../exit-codes.js';

const USAGE = `Usage: keyward add --profile P [--stdin] [--format text|json]

Stores a long-term AWS access key in the OS keychain and writes the profile's credential_process
line into ~/.aws/config (creating [profile P] if needed). The key ID and the secret are asked for
on the terminal without echo; with --stdin they are read from standard input instead, as one
'AKID SECRET' line or as credential_process JSON ({"Version":1,"AccessKeyId":…,"SecretAccessKey":…}).
The key never appears in argv, the environment or shell history. A profile that already has a key
(in a file or in the keychain) is refused.

  --profile P    the profile to add (required)
  --stdin        read the key from standard input
  --format F     text (default) or json
  -h, --help     show this help
`;

/** Piped input larger than this is not a key. */
const MAX_STDIN = 64 * 1024;

export async function run(argv: string[], ctx: Context): Promise<number> {
  const { values } = parseCommandArgs('add', { args: argv, allowPositionals: false, strict: true, options: {
    profile: { type: 'string' }, stdin: { type: 'boolean', default: false }, format: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h', default: false },
  } });
  if (values.help) {
    ctx.out.write(USAGE);
    return EXIT.ok;
  }
  const format = formatOption(values.format, ['text', 'json'] as const);
  if (values.profile === undefined) throw new KeywardError('usage', 'keyward add needs --profile P', "Run 'keyward add --help'.");
  const key = values.stdin ? parseKeyInput(await readStdin()) : await promptKey();
  const result = await addKey(ctx, openLifecycleStores(ctx), values.profile, key);
  // A running agent may hold an answer (a 404) for this account from before: it must read again.
  await notifyAgent(ctx.env, result.account);
  if (format === 'json') ctx.out.write(`${jsonToShow({ version: 1, added: result })}\n`);
  else {
    ctx.out.write(`${linesToShow(`Added profile ${result.profile}: key ${result.accessKeyId} is in the keychain (item '${result.account}'), ` +
      `and ${result.createdSection ? 'a new ' : ''}[${result.section}] in ${result.file} runs keyward's credential_process.`)}\n`);
  }
  return EXIT.ok;
}

async function promptKey(): Promise<NewKey> {
  const [accessKeyId = '', secretAccessKey = ''] = await askHidden(['AWS access key ID (hidden): ', 'AWS secret access key (hidden): ']);
  return { accessKeyId: accessKeyId.trim(), secretAccessKey: secretAccessKey.trim() };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_STDIN) throw badInput('it is larger than 64 KiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One `AKID SECRET` line, or the credential_process JSON of a long-term key. */
export function parseKeyInput(text: string): NewKey {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return fromJson(trimmed);
  const words = trimmed.split(/\s+/);
  if (words.length !== 2 || !words[0] || !words[1]) throw badInput(`expected one line 'AKID SECRET', got ${words.filter(Boolean).length} word(s)`);
  return { accessKeyId: words[0], secretAccessKey: words[1] };
}

function fromJson(text: string): NewKey {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw badInput('it starts with { but is not JSON');
  }
  const json = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (json.Version !== 1 || typeof json.AccessKeyId !== 'string' || typeof json.SecretAccessKey !== 'string') {
    throw badInput('the JSON needs "Version": 1, "AccessKeyId" and "SecretAccessKey"');
  }
  if (json.SessionToken !== undefined) throw badInput('it holds a SessionToken: temporary credentials expire, keyward add stores long-term keys');
  return { accessKeyId: json.AccessKeyId, secretAccessKey: json.SecretAccessKey };
}

function badInput(why: string): KeywardError {
  return new KeywardError('usage', `cannot read a key from standard input: ${why}`,
    "Pipe one line 'AKID SECRET' or the credential_process JSON {\"Version\":1,\"AccessKeyId\":…,\"SecretAccessKey\":…}; nothing was changed.");
}
