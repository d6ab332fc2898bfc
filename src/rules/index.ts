// The registry: every rule of docs/architecture.md §3, in the order reports list them.
import { accessKeyTooOld } from './access-key-too-old.js';
import { awsFileInGitRepository } from './aws-file-in-git-repository.js';
import { credentialsInUrl } from './credentials-in-url.js';
import { fipsEndpointNotUsed } from './fips-endpoint-not-used.js';
import { imdsv1Allowed } from './imdsv1-allowed.js';
import { insecureFilePermissions } from './insecure-file-permissions.js';
import { mfaNotConfigured } from './mfa-not-configured.js';
import { plaintextAccessKey } from './plaintext-access-key.js';
import { plaintextHttpEndpoint } from './plaintext-http-endpoint.js';
import { plaintextSessionToken } from './plaintext-session-token.js';
import { secretInEnvironmentFile } from './secret-in-environment-file.js';
import { secretInFreeText } from './secret-in-free-text.js';
import { secretInShellHistory } from './secret-in-shell-history.js';
import { secretInToolConfig } from './secret-in-tool-config.js';
import { tlsVerificationDisabled } from './tls-verification-disabled.js';
import { unsafeCredentialProcess } from './unsafe-credential-process.js';
import { untrustedCaBundle } from './untrusted-ca-bundle.js';
import type { Rule } from './types.js';

export const rules: readonly Rule[] = [
  plaintextAccessKey,
  plaintextSessionToken,
  secretInFreeText,
  secretInEnvironmentFile,
  secretInShellHistory,
  secretInToolConfig,
  tlsVerificationDisabled,
  plaintextHttpEndpoint,
  credentialsInUrl,
  untrustedCaBundle,
  insecureFilePermissions,
  awsFileInGitRepository,
  unsafeCredentialProcess,
  mfaNotConfigured,
  accessKeyTooOld,
  fipsEndpointNotUsed,
  imdsv1Allowed,
];

export const ruleIds: readonly string[] = rules.map((rule) => rule.id);
