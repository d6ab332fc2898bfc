// The one temp-HOME builder. Each call makes a real directory `root` holding `root/home` (with a
// 0700 ~/.aws unless asked not to), an env pointing HOME, keyward's XDG dirs, a keychain service
// of its own and a fleet policy path (that does not exist) at it, and a cleanup. Roots live under
// the private HOME of scripts/test-env.sh, which removes them when the run ends even if a test
// never calls cleanup(). The scan, migrate, daemon and shim fixtures are thin layers on this.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A file's contents (a Buffer for bytes that are not UTF-8), or contents and mode (default 0600). */
export type HomeFile = string | Buffer | { text: string | Buffer; mode?: number };

export interface TempHomeOptions {
  /** Files to write, by path relative to HOME. */
  files?: Record<string, HomeFile>;
  /** Make ~/.aws (0700) now. Default true; the daemon tests let it appear while keyward watches. */
  awsDir?: boolean;
  /**
   * Start the env from this process's (the test session's bus, keyring, runtime dir and PATH) rather
   * than from PATH, the session bus and LANG only. AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE
   * are never inherited.
   */
  inheritEnv?: boolean;
}

export interface TempHome {
  /** The temp directory; HOME and anything else the test makes live under it. */
  root: string;
  home: string;
  /** Unique to this home, so keychain items of parallel tests never meet. */
  service: string;
  /** KEYWARD_FLEET_POLICY: outside HOME, absent until a test writes it. */
  fleetPolicy: string;
  env: NodeJS.ProcessEnv;
  /** A path under ~/.aws. */
  aws(name: string): string;
  /** Writes a file under HOME (parents made as needed) with an exact mode; returns its path. */
  write(name: string, text: string | Buffer, mode?: number): string;
  /** Deletes the directory (keychain items are the layer's business: see migrate-home.ts, shim-fixture.ts). */
  cleanup(): void;
}

/** Where roots go: the test session's private HOME (see global-setup.ts), else the OS temp dir. */
function baseDir(): string {
  const session = process.env.KEYWARD_TEST_SESSION === '1' ? process.env.HOME : undefined;
  return session && fs.existsSync(session) ? session : os.tmpdir();
}

/** The paths a temp home at `root` uses; testContext derives a scan Context's env from them. */
export function homeLayout(root: string) {
  const home = path.join(root, 'home');
  return {
    home,
    fleetPolicy: path.join(root, 'fleet', 'policy.ini'),
    xdg: {
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_DATA_HOME: path.join(home, '.local/share'),
      XDG_STATE_HOME: path.join(home, '.local/state'),
    },
  };
}

export function writeFileWithMode(file: string, text: string | Buffer, mode = 0o600): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.chmodSync(file, mode);
  return file;
}

/** A bare temp directory where homes go, for tests that need files but no HOME; remove it when done. */
export function makeTempDir(label: string): string {
  return fs.mkdtempSync(path.join(baseDir(), `keyward-${label}-`));
}

export function createTempHome(label: string, options: TempHomeOptions = {}): TempHome {
  const root = makeTempDir(label);
  const { home, fleetPolicy, xdg } = homeLayout(root);
  fs.mkdirSync(home, { mode: 0o700 });
  if (options.awsDir ?? true) {
    fs.mkdirSync(path.join(home, '.aws'), { mode: 0o700 });
    fs.chmodSync(path.join(home, '.aws'), 0o700);
  }
  const service = `keyward-test-${path.basename(root).slice('keyward-'.length)}-${process.pid}`;
  const base: NodeJS.ProcessEnv = options.inheritEnv
    ? { ...process.env }
    : { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS, LANG: 'C.UTF-8' };
  delete base.AWS_CONFIG_FILE;
  delete base.AWS_SHARED_CREDENTIALS_FILE;
  const env: NodeJS.ProcessEnv = {
    ...base, HOME: home, KEYWARD_SERVICE: service, ...xdg, KEYWARD_FLEET_POLICY: fleetPolicy, AWS_EC2_METADATA_DISABLED: 'true',
  };
  const write = (name: string, text: string | Buffer, mode?: number): string => writeFileWithMode(path.join(home, name), text, mode);
  for (const [name, file] of Object.entries(options.files ?? {})) {
    if (typeof file === 'string' || Buffer.isBuffer(file)) write(name, file);
    else write(name, file.text, file.mode);
  }
  return {
    root, home, service, fleetPolicy, env, write,
    aws: (name) => path.join(home, '.aws', name),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
