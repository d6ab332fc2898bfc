// The per-user lock migrate and restore (and the daemon's auto-migration) take around reading,
// planning and rewriting the AWS files.
import path from 'node:path';
import type { Context } from '../context.js';
import { withLock } from '../fsutil/lock.js';
import { logDir, osName } from '../platform/paths.js';

export function filesLockPath(ctx: Pick<Context, 'env' | 'home'>): string {
  return path.join(logDir(ctx.env, ctx.home, osName(process.platform)), 'files.lock');
}

export function withFilesLock<T>(ctx: Pick<Context, 'env' | 'home'>, work: () => Promise<T>): Promise<T> {
  return withLock(filesLockPath(ctx), work);
}
