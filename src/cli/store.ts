// The keychain as the commands open it: lazily, so scan and status on a machine without one
// never load keytar.
import type { Context } from '../context.js';
import type { SecretStore } from '../secrets/store.js';
import { serviceName } from '../secrets/store.js';

export async function openStore(ctx: Context): Promise<SecretStore> {
  const { createKeytarStore } = await import('../secrets/keytar-store.js');
  return createKeytarStore({ service: serviceName(ctx.env), env: { ...ctx.env } });
}
