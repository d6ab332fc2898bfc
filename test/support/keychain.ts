// The private test keyring (scripts/test-env.sh), opened the way keyward opens it, under a
// service name of the test's own so tests never share items.
import { openSecretStore } from '../../src/secrets/open.js';
import type { SecretStore } from '../../src/secrets/store.js';

export function keychainStore(service: string): SecretStore {
  return openSecretStore('command', { ...process.env, KEYWARD_SERVICE: service });
}
