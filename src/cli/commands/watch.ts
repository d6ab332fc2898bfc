// `keyward watch [--format text|json]`: the daemon in the foreground (the service runs this).
import { parseFormatOnly } from '../args.js';
import type { Context } from '../../context.js';
import { EXIT } from '../exit-codes.js';

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
  return parseFormatOnly('watch', argv);
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const options = parse(argv);
  if (options.help) {
    ctx.out.write(HELP);
    return EXIT.ok;
  }
  const [{ runDaemon }, scan] = await Promise.all([import('../../daemon/run.js'), import('./scan.js')]);
  // The agent answers the installed `keyward` script's scans with this very command (agent/scan-route.ts).
  return runDaemon(ctx, { format: options.format, scan: scan.run });
}
