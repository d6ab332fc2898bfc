// Where the AWS CLI looks for its files. Values in, strings out: callers pass env and home.
import path from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** botocore applies `os.path.expandvars` then `os.path.expanduser` to these paths. */
export function expandPath(value: string, env: Env, home: string): string {
  const vars = value.replace(/\$(\w+)|\$\{([^}]*)\}/g, (whole, bare: string | undefined, braced: string | undefined) => {
    const name = bare ?? braced ?? '';
    return env[name] ?? whole;
  });
  if (vars === '~') return home;
  if (vars.startsWith('~/')) return path.join(home, vars.slice(2));
  return vars;
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
