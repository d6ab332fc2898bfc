// Where the AWS CLI looks for its files. Values in, strings out: callers pass env and home.
import path from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** botocore applies `os.path.expandvars` then `os.path.expanduser` to these paths. */
export function expandPath(value: string, env: Env, home: string): string {
  const vars = expandVars(value, env);
  if (vars === '~') return home;
  if (vars.startsWith('~/')) return path.join(home, vars.slice(2));
  return vars;
}

const WORD = /[A-Za-z0-9_]/;

/**
 * posixpath.expandvars: `$NAME` and `${NAME}` (up to the first `}`) become the variable's value;
 * unknown ones stay as written. A loop rather than `\$\{([^}]*)\}` with /g, which rescans to the
 * end of the text from every unclosed `${` (quadratic on a crafted ca_bundle; issue 10, item 9).
 */
function expandVars(value: string, env: Env): string {
  let out = '';
  let i = 0;
  let close = value.indexOf('}');
  while (i < value.length) {
    const dollar = value.indexOf('$', i);
    if (dollar < 0) break;
    out += value.slice(i, dollar);
    let end = dollar + 1;
    let name: string | undefined;
    if (WORD.test(value.charAt(end))) {
      while (end < value.length && WORD.test(value.charAt(end))) end++;
      name = value.slice(dollar + 1, end);
    } else if (value.charAt(end) === '{') {
      if (close >= 0 && close < end) close = value.indexOf('}', end);
      if (close >= 0) [name, end] = [value.slice(end + 1, close), close + 1];
    }
    const replacement = name === undefined ? undefined : env[name];
    out += replacement ?? value.slice(dollar, name === undefined ? dollar + 1 : end);
    i = name === undefined ? dollar + 1 : end;
  }
  return out + value.slice(i);
}

function fromEnv(name: string, fallback: string[], env: Env, home: string): string {
  const value = env[name];
  if (value) return path.resolve(expandPath(value, env, home));
  return path.join(home, ...fallback);
}

export function configPath(env: Env, home: string): string {
  return fromEnv('AWS_CONFIG_FILE', ['.aws', 'config'], env, home);
}

export function credentialsPath(env: Env, home: string): string {
  return fromEnv('AWS_SHARED_CREDENTIALS_FILE', ['.aws', 'credentials'], env, home);
}
