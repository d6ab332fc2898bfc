// The HOME scripts/bench-scan.mjs times `keyward scan` on (and test/integration/cli/scan-bundle.test.ts
// compares the scan bundle's output on): 1,000 profiles in ~/.aws/config, 200 static keys in
// ~/.aws/credentials and ~200 KB of shell start-up files. `longLine` adds a single line of that
// many bytes of ordinary shell text to ~/.bashrc. Keys are fake (seeded), never real ones.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';

function generator() {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  return { keyId: () => `AKIA${pick(base32, 16)}`, secret: () => pick(b64, 40) };
}

function configText() {
  const lines = ['[default]', 'region = us-east-1', ''];
  for (let i = 0; i < 1000; i++) {
    lines.push(`[profile p${i}]`, `region = eu-west-${1 + (i % 3)}`);
    if (i % 4 === 0) lines.push('role_arn = arn:aws:iam::123456789012:role/r' + i, 'source_profile = default');
    else if (i % 4 === 1) lines.push('sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Dev');
    else if (i % 4 === 2) lines.push('s3 =', '  max_concurrent_requests = 20', '  endpoint_url = https://s3.corp.example');
    else lines.push('output = json', `# owner: team-${i}`);
    lines.push('');
  }
  lines.push('[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', '');
  return lines.join('\n');
}

function credentialsText(keys) {
  const lines = [];
  for (let i = 0; i < 200; i++) lines.push(`[k${i}]`, `aws_access_key_id = ${keys.keyId()}`, `aws_secret_access_key = ${keys.secret()}`, '');
  return lines.join('\n');
}

function rcText(bytes) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = [
      `alias g${i}='git log --oneline --graph --decorate -n ${i % 50}'`,
      `export TOOL_${i}_HOME="$HOME/.local/share/tool-${i}"`,
      `# note ${i}: remember to rotate things and keep the shell fast`,
      `function f${i}() { cd "$HOME/src/project-${i}" && ls -la; }`,
      `[ -f "$HOME/.config/tool-${i}.sh" ] && source "$HOME/.config/tool-${i}.sh"`,
    ][i % 5];
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** One line of `bytes` characters of ordinary shell text (no key, no secret): what a generated rc file may hold. */
export function longShellLine(bytes) {
  const unit = 'export PATH="$PATH:/opt/tool/bin"; alias ll=\'ls -l\' # comment ';
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** Writes the bench's files under `home` (made if missing); returns their paths relative to HOME. */
export function writeBenchHome(home, { longLine = 0 } = {}) {
  const keys = generator();
  mkdirSync(path.join(home, '.aws'), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(home, '.aws/config'), configText(), { mode: 0o600 });
  writeFileSync(path.join(home, '.aws/credentials'), credentialsText(keys), { mode: 0o600 });
  const long = longLine > 0 ? `${longShellLine(longLine)}\n` : '';
  writeFileSync(path.join(home, '.bashrc'), rcText(100_000) + long + `export AWS_SECRET_ACCESS_KEY=${keys.secret()}\n`);
  writeFileSync(path.join(home, '.zshrc'), rcText(60_000));
  writeFileSync(path.join(home, '.profile'), rcText(40_000));
  return ['.aws/config', '.aws/credentials', '.bashrc', '.zshrc', '.profile'];
}
