// The SDK client configuration every keyward AWS call uses (rotate's IAM and STS calls in
// clients.ts, the shim's GetSessionToken in sessions/sts.ts): the endpoint, region and FIPS
// choice keyward resolved for the profile (settings.ts), the CA bundle and the proxy variables
// (agent.ts), and credentials passed in, never the SDK's own chain.
import type { Env } from '../awsconfig/paths.js';
import { createAgents } from './agent.js';
import type { AwsCallSettings } from './settings.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function sdkClientConfig(profile: string, settings: AwsCallSettings, env: Env, credentials: Credentials) {
  const { httpAgent, httpsAgent } = createAgents(env, settings.caBundle);
  return {
    // For whatever keyward does not set below, the SDK reads this profile (not the default one).
    profile,
    region: settings.region,
    credentials: { ...credentials },
    // An explicit endpoint, or none at all: without this the SDK would look up endpoint_url in the default profile.
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ignoreConfiguredEndpointUrls: true,
    useFipsEndpoint: settings.useFipsEndpoint,
    useDualstackEndpoint: settings.useDualstackEndpoint,
    maxAttempts: settings.maxAttempts,
    requestHandler: { httpAgent, httpsAgent, connectionTimeout: 10_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
  };
}

/**
 * The SDK warns on stderr that its releases after January 2027 need Node 22; keyward supports
 * Node 20 (package.json engines) and pins its SDK, so the warning would only alarm users of `rotate`
 * (and, in the shim, land in the AWS CLI's error text).
 */
export function quietSdk(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
