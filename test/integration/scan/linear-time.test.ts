// Issue 10, item 9: no crafted line makes a scan quadratic. Each case puts one ~1 MB line into every
// file the scan reads (the AWS files as a value, a comment and a bare line; shell, fish, dotenv,
// alias, .boto, .s3cfg), then a child process measures the CPU time of reading and parsing them,
// of each of the 14 rules, of the whole scan, the reports, and the display helpers, against a
// baseline that only reads the files and splits their lines — all in the same run.
//
// The bound is on work, not on the clock: CPU time (so a busy machine does not count), the best of
// a few rounds, as a multiple of the baseline measured beside it. Linear code stays within a small
// multiple; the quadratic patterns this replaced took 10⁴–10⁵× (15.7 s for a 160 KB line), so the
// child also runs under `ulimit -t` and a pattern that regresses ends in SIGXCPU, not an endless test.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/policy/load.js';
import { MAX_FINDINGS_PER_LINE, scan } from '../../../src/scan.js';
import { makeHome, testContext } from '../../support/home.js';

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../support/scan-work-child.mjs');
const SIZE = 1 << 20;
/** Generous: linear steps measure up to ~70× the baseline here; the quadratic ones were over 10,000×. */
const MAX_RATIO = 300;
/** CPU seconds for one case's child: linear code needs about one. */
const CPU_LIMIT_S = 30;

/** `unit` repeated to about SIZE characters, then `tail`. */
const fill = (unit: string, tail = ''): string => unit.repeat(Math.ceil(SIZE / unit.length)) + tail;
const KEYLIKE = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY1234567890'; // 40 characters of the secret alphabet, no EXAMPLE

/** Crafted lines, each aimed at one pattern the scan (or the parser under it) uses. */
const CASES: Record<string, string> = {
  'ordinary shell text': fill('export PATH="$PATH:/opt/tool/bin"; alias ll=\'ls -l\' # comment '),
  'url scheme run (a.a.a.…@)': fill('a.', '@'),
  'url user info without @': fill('a://b:c', '@'),
  'long password, no @': `x://u:${fill('p')}`,
  'spaces inside a value': `https_validate_certificates = a${fill(' ')}b`,
  'spaces, no separator': `x${fill(' ')}y`,
  'tabs and NBSPs inside a value': `k = a${fill('\t\u00a0\u2028')}b`,
  '40-character runs, keyword at the end': fill(`${KEYLIKE} `, 'secret_key'),
  '40-character runs after a keyword': `secret ${fill(`${KEYLIKE} `)}`,
  'base64 padding runs': fill('a='),
  'key ID look-alikes': fill('AKIA'),
  'key IDs in assignments': fill('AWS_ACCESS_KEY_ID=AKIAZ7Q2X3V4B5N6M7L2 '),
  'unclosed double quotes': fill(' x="a'),
  'unclosed single quotes': fill(" x='a"),
  'fish set flags': fill('set -a '),
  'fish set with unclosed quotes': fill(' set -gx X "a'),
  'unclosed ${': fill('${'),
  'no-verify-ssl look-alikes': fill(' --no-verify-ss'),
  'section header without ]': `[profile ${fill('x ')}`,
  'backslashes and quotes': fill(`\\'"`),
};

/** Every file the scan reads, each holding the crafted line (no file above the scan's 4 MiB limit). */
function homeFiles(line: string): Record<string, string> {
  return {
    '.aws/config': `[profile p]\nendpoint_url = ${line}\nca_bundle = ${line}\n# ${line}\n`,
    '.aws/credentials': `[p]\ncredential_process = ${line}\n[q]\n${line}\n`,
    '.aws/cli/alias': `[toplevel]\n${line}\n`,
    '.bashrc': `${line}\n`,
    '.zshrc': `export AWS_CA_BUNDLE=${line}\n`,
    '.env': `AWS_SECRET_ACCESS_KEY=${line}\n`,
    '.config/fish/config.fish': `set -gx HTTPS_PROXY ${line}\n`,
    '.boto': `[Boto]\n${line}\n`,
    '.s3cfg': `[default]\ncheck_ssl_certificate = ${line}\n`,
  };
}

interface Work {
  baseline: number;
  ops: Record<string, number>;
}

function measure(home: string, files: string[]): Work {
  const run = spawnSync('bash', ['-c', `ulimit -S -t ${CPU_LIMIT_S}; exec "$@"`, 'bash', process.execPath, CHILD, home, ...files],
    { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, MAX_RATIO: String(MAX_RATIO) } });
  if (run.status !== 0) {
    throw new Error(`the measuring child failed (status ${run.status}, signal ${run.signal}${run.signal === 'SIGXCPU' ? `: over ${CPU_LIMIT_S} s of CPU, so quadratic or worse` : ''}): ${run.stderr.slice(0, 2000)}`);
  }
  return JSON.parse(run.stdout) as Work;
}

describe('scan work on crafted 1 MB lines (issue 10, item 9)', () => {
  for (const [name, line] of Object.entries(CASES)) {
    it(`stays linear: ${name}`, async () => {
      const files = homeFiles(line);
      const home = await makeHome(files);
      const work = measure(home, Object.keys(files).map((f) => path.join(home, f)));
      const over = Object.entries(work.ops).filter(([, ms]) => ms > MAX_RATIO * work.baseline)
        .map(([op, ms]) => `${op}: ${ms.toFixed(1)} ms CPU = ${(ms / work.baseline).toFixed(0)}× the ${work.baseline.toFixed(1)} ms read`);
      expect(over).toEqual([]);
    }, 120_000);
  }
});

describe('findings per line', () => {
  it(`reports at most ${MAX_FINDINGS_PER_LINE} findings of one rule on one line, and every finding of other lines`, async () => {
    const urls = Array.from({ length: 30 }, (_, i) => `https://user${i}:pass${i}word@host${i}.example`).join(' ');
    const home = await makeHome({ '.bashrc': `export A="${urls}"\nexport HTTPS_PROXY=http://bob:hunter2hunter2@proxy\n` });
    const ctx = testContext(home);
    const { findings } = await scan(ctx, await loadPolicy(ctx));
    const lines = findings.filter((f) => f.ruleId === 'credentials-in-url').map((f) => f.line);
    expect(lines).toEqual([...Array(MAX_FINDINGS_PER_LINE).fill(1), 2]);
  });
});
