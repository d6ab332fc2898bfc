// Binds the daemon to the rest of keyward. migrate/ is imported when a key first needs migrating,
// so a daemon that never auto-migrates never loads it; lifecycle/ (and the AWS SDK) likewise for auto_rotate.
import { loadPolicy } from '../policy/load.js';
import { scan } from '../scan.js';
import { openSecretStore } from '../secrets/open.js';
import type { DaemonDeps } from './contracts.js';

export function realDeps(): DaemonDeps {
  return {
    loadPolicy,
    scan,
    migrate: async (ctx, store, options) => (await import('../migrate/run.js')).migrate(ctx, store, options),
    openStore: async (ctx) => openSecretStore('daemon', ctx.env),
    rotate: async (ctx, { profile, graceDays }) => (await import('../lifecycle/rotate.js')).rotate(ctx, { profile, graceDays, deleteOld: false }),
  };
}
