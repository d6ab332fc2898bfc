// scan over a real temp HOME with shell histories, other tools' configs and fish universal
// variables; a 20 MB history read whole by a one-shot scan and incrementally with the daemon's cache.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/policy/load.js';
import { scan } from '../../../src/scan.js';
import { ANCHOR_BYTES, createHistoryCache } from '../../../src/sources/history.js';
import { makeHome, testContext } from '../../support/home.js';
import { KEY_ID, SECRET } from '../../support/keys.js';

const FILES = {
  '.bash_history': `ls\naws configure set aws_secret_access_key ${SECRET}\nexport AWS_SECRET_ACCESS_KEY=$(pass show aws)\n`,
  '.zsh_history': `: 1700000000:0;ls\n: 1700000001:0;aws configure set \\\n  aws_access_key_id ${KEY_ID} \\\n` +
    `  && aws configure set aws_secret_access_key ${SECRET}\n: 1700000002:0;aws iam list-access-keys # ${KEY_ID}\n`,
  '.local/share/fish/fish_history': `- cmd: set -gx AWS_SECRET_ACCESS_KEY ${SECRET}\n  when: 1700000000\n`,
  '.zshrc': 'HISTFILE=~/.histories/zsh\n',
  '.histories/zsh': `: 1700000003:0;export AWS_SECRET_ACCESS_KEY='${SECRET}'\n`,
  '.config/fish/fish_variables': `# fish\nSETUVAR --export AWS_SECRET_ACCESS_KEY:${SECRET.replace('/', '\\x2f')}\n`,
  '.passwd-s3fs': { text: `bucket:${KEY_ID}:${SECRET}\n`, mode: 0o640 },
  '.config/rclone/rclone.conf': `[aws]\ntype = s3\nprovider = AWS\naccess_key_id = ${KEY_ID}\nsecret_access_key = ${SECRET}\n\n[env]\ntype = s3\nenv_auth = true\n`,
  '.mc/config.json': `{\n  "version": "10",\n  "aliases": {\n    "s3": {\n      "url": "https://s3.amazonaws.com",\n      "accessKey": "${KEY_ID}",\n      "secretKey": "${SECRET}"\n    }\n  }\n}\n`,
};

async function scanHome(files: Parameters<typeof makeHome>[0]) {
  const home = await makeHome(files);
  const ctx = testContext(home);
  const result = await scan(ctx, await loadPolicy(ctx));
  const rows = result.findings.map((f) => [f.ruleId, f.severity, path.relative(home, f.file), f.line, f.evidence ?? null])
    .sort((a, b) => String(a[2]).localeCompare(String(b[2])) || Number(a[3]) - Number(b[3]) || String(a[4]).localeCompare(String(b[4])));
  return { home, ctx, result, rows };
}

describe('scan: histories, tool configs, fish universal variables', () => {
  it('reports each format at its line, with redacted evidence', async () => {
    const { rows, result, home } = await scanHome(FILES);
    expect(rows).toEqual([
      ['secret-in-shell-history', 'high', '.bash_history', 2, 'Jx8k…mN4o'],
      ['secret-in-environment-file', 'high', '.config/fish/fish_variables', 2, 'Jx8k…mN4o'],
      ['secret-in-tool-config', 'high', '.config/rclone/rclone.conf', 4, 'AKIA…ZAM2'],
      ['secret-in-shell-history', 'high', '.histories/zsh', 1, 'Jx8k…mN4o'],
      ['secret-in-shell-history', 'high', '.local/share/fish/fish_history', 1, 'Jx8k…mN4o'],
      ['secret-in-tool-config', 'high', '.mc/config.json', 6, 'AKIA…ZAM2'],
      ['secret-in-tool-config', 'high', '.passwd-s3fs', 1, 'AKIA…ZAM2'],
      ['insecure-file-permissions', 'high', '.passwd-s3fs', 1, null],
      ['secret-in-shell-history', 'high', '.zsh_history', 2, 'AKIA…ZAM2'],
      ['secret-in-shell-history', 'high', '.zsh_history', 2, 'Jx8k…mN4o'],
    ]);
    expect(result.errors).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.files).toEqual(expect.arrayContaining(['.bash_history', '.zsh_history', '.local/share/fish/fish_history',
      '.histories/zsh', '.passwd-s3fs', '.config/rclone/rclone.conf', '.mc/config.json', '.config/fish/fish_variables']
      .map((name) => path.join(home, name))));
  });

  it('lets the policy switch the rules off or re-grade them', async () => {
    const { rows } = await scanHome({ ...FILES, '.config/keyward/config.ini':
      '[rules.secret-in-shell-history]\nenabled = false\n[rules.secret-in-tool-config]\nseverity = medium\n' });
    expect(rows.filter((r) => r[0] === 'secret-in-shell-history')).toEqual([]);
    expect(rows.filter((r) => r[0] === 'secret-in-tool-config').map((r) => r[1])).toEqual(['medium', 'medium', 'medium']);
  });
});

describe('a 20 MB history', () => {
  const LINE = ': 1700000000:0;git status --short --branch && make -j4 test\n';
  const big = (): Buffer => Buffer.from(LINE.repeat(Math.ceil((20 * 1024 * 1024) / LINE.length)));

  it('is read whole by a one-shot scan: a secret on its first line is found', async () => {
    const { rows } = await scanHome({ '.zsh_history': { text: Buffer.concat([Buffer.from(`: 1:0;export AWS_SECRET_ACCESS_KEY=${SECRET}\n`), big()]) } });
    expect(rows).toEqual([['secret-in-shell-history', 'high', '.zsh_history', 1, 'Jx8k…mN4o']]);
  });

  it('with the daemon\'s cache, only the appended line is read (counted in bytes, not timed)', async () => {
    const body = big();
    const home = await makeHome({ '.zsh_history': { text: body } });
    const ctx = testContext(home);
    const policy = await loadPolicy(ctx);
    const historyCache = createHistoryCache();
    const first = await scan(ctx, policy, { historyCache });
    expect(first.findings).toEqual([]);
    expect(historyCache.bytesRead).toBeGreaterThanOrEqual(body.length);

    const before = historyCache.bytesRead;
    const appended = `: 1700000099:0;aws configure set aws_secret_access_key ${SECRET}\n`;
    fs.appendFileSync(path.join(home, '.zsh_history'), appended);
    const second = await scan(ctx, policy, { historyCache });
    expect(second.findings.map((f) => [f.ruleId, f.line])).toEqual([['secret-in-shell-history', body.toString().split('\n').length]]);
    // 256 bytes before the last offset (to tell growth from a rewrite), the line, the new anchor read back.
    expect(historyCache.bytesRead - before).toBe(ANCHOR_BYTES + Buffer.byteLength(appended) + ANCHOR_BYTES);
  });
});
