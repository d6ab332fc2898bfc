// `keyward watch [--format text|json]`: the daemon in the foreground (the service runs this).
import { parseArgs } from 'node:util';
import type { Context } from '../../context.js';
import { KeywardError } from '../../errors.js';

export interface WatchOptions {
  format: 'text' | 'json';
  help: boolean;
}

const HELP = `Usage: keyward watch [--format text|json]

Watches the AWS files, shell start-up files and keyward's policy, and reports new findings
until stopped with Ctrl-C (SIGINT) or SIGTERM. Events also go to keyward's log.

Options:
  --format text|json  text (default): one line per event on stderr;
                      json: one JSON object per event on stdout
  -h, --help          show this help
`;

export function parse(argv: string[]): WatchOptions {
  const { values } = parseArgs({
    args: argv, allowPositionals: false, strict: true,
    options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h', default: false }, debug: { type: 'boolean' } },
  });
  if (values.format !== 'text' && values.format !== 'json') {
    throw new KeywardError('usage', `unknown --format '${values.format}'`, 'Use --format text or --format json.');
  }
  return { format: values.format, help: values.help };
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const options = parseUsage(argv);
  if (options.help) {
    ctx.out.write(HELP);
    return 0;
  }
  const { runDaemon } = await import('../../daemon/run.js');
  return runDaemon(ctx, { format: options.format });
}

/** parseArgs errors become `usage` errors (exit 2 with one line). */
export function parseUsage(argv: string[]): WatchOptions {
  try {
    return parse(argv);
  } catch (error) {
    if (error instanceof KeywardError) throw error;
    throw new KeywardError('usage', error instanceof Error ? error.message : String(error), "Run 'keyward watch --help'.");
  }
}
