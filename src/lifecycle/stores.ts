// The four item kinds of one keychain (secrets/store.ts), opened for a command.
import type { Context } from '../context.js';
import { kindStores } from '../migrate/run.js';
import type { KindStores } from '../secrets/kinds.js';
import { openSecretStore } from '../secrets/open.js';
import type { ItemKind, SecretStore } from '../secrets/store.js';

export type LifecycleStores = KindStores & Record<ItemKind, SecretStore>;

export function openLifecycleStores(ctx: Pick<Context, 'env'>): LifecycleStores {
  return { ...kindStores(ctx), key: openSecretStore('command', ctx.env), pending: openSecretStore('command', ctx.env, 'pending') };
}

/** Every kind, the key last: a run stopped half-way leaves the key (and its profile) working longest. */
export const KINDS_TO_DELETE: readonly ItemKind[] = ['session', 'pending', 'previous', 'key'];
