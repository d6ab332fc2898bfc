// Where keyward's own AWS calls go, resolved from a profile the way the AWS SDKs and botocore do
// (pure: files already parsed, env passed in). keyward passes every value it resolves here to the
// SDK client explicitly, because a client built without a profile reads the *default* profile's
// (or $AWS_PROFILE's) endpoint_url, region and use_fips_endpoint from ~/.aws/config by itself
// (smithy `getEndpointFromConfig`, `loadConfig`), which is the wrong profile for `rotate --profile P`;
// and the profile's settings come from keyward's botocore-faithful parser, not the SDK's.
//
// Endpoint precedence (AWS SDKs and Tools reference, "Service-specific endpoints"), unless
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls is true:
//   AWS_ENDPOINT_URL_<SERVICE> > the profile's [services] section `<service> = endpoint_url = …`
//   > AWS_ENDPOINT_URL > the profile's endpoint_url > the SDK's own endpoint rules.
import path from 'node:path';
import { expandPath } from '../awsconfig/paths.js';
import type { Env } from '../awsconfig/paths.js';
import { buildProfileMap, rawConfig } from '../awsconfig/profiles.js';
import type { ProfileView, SourceFile, Value } from '../awsconfig/profiles.js';

export type AwsService = 'iam' | 'sts';

export interface AwsCallSettings {
  service: AwsService;
  region: string;
  /** Where the region came from, for messages (`AWS_REGION`, `profile`, `default`). */
  regionFrom: string;
  /** A configured endpoint URL; undefined lets the SDK's endpoint rules choose (FIPS included). */
  endpoint?: string;
  endpointFrom?: string;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  /** Absolute path of the CA bundle to trust instead of Node's roots. */
  caBundle?: string;
  maxAttempts: number;
}

export interface ResolveInput {
  profile: string;
  /** The profile as botocore sees it (awsconfig/profiles.ts `profileViews`), if it exists. */
  view?: ProfileView;
  /** The config file (for its [services] sections). */
  config?: SourceFile;
  env: Env;
  home: string;
}

/** IAM is global and STS answers in us-east-1; botocore also falls back to a global endpoint without a region. */
export const DEFAULT_REGION = 'us-east-1';

const text = (value: Value | undefined): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const nonEmpty = (value: string | undefined): string | undefined => (value ? value : undefined);

/** botocore's `ensure_boolean`: only "true" (any case) is true. */
const isTrue = (value: string | undefined): boolean => value?.toLowerCase() === 'true';

function setting(input: ResolveInput, key: string): string | undefined {
  return text(input.view?.settings.get(key)?.value);
}

/** `[services NAME]`'s `iam = endpoint_url = …` for the profile's `services = NAME`. */
function servicesEndpoint(input: ResolveInput, service: AwsService): string | undefined {
  const name = setting(input, 'services');
  if (!name || !input.config) return undefined;
  const block = buildProfileMap(rawConfig(input.config.doc)).services.get(name)?.get(service);
  return block instanceof Map ? nonEmpty(block.get('endpoint_url')) : undefined;
}

export function resolveEndpoint(input: ResolveInput, service: AwsService): { url: string; from: string } | undefined {
  const ignore = input.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? setting(input, 'ignore_configured_endpoint_urls');
  if (isTrue(ignore)) return undefined;
  const variable = `AWS_ENDPOINT_URL_${service.toUpperCase()}`;
  const candidates: [string | undefined, string][] = [
    [nonEmpty(input.env[variable]), variable],
    [servicesEndpoint(input, service), `[services ${setting(input, 'services')}] ${service}.endpoint_url`],
    [nonEmpty(input.env.AWS_ENDPOINT_URL), 'AWS_ENDPOINT_URL'],
    [setting(input, 'endpoint_url'), `profile ${input.profile} endpoint_url`],
  ];
  const found = candidates.find(([url]) => url !== undefined);
  return found ? { url: found[0] as string, from: found[1] } : undefined;
}

function resolveRegion(input: ResolveInput): { region: string; from: string } {
  // AWS_REGION is the SDKs' variable, AWS_DEFAULT_REGION the AWS CLI's; both beat the profile.
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = nonEmpty(input.env[name]);
    if (value) return { region: value, from: name };
  }
  const region = setting(input, 'region');
  return region ? { region, from: `profile ${input.profile}` } : { region: DEFAULT_REGION, from: 'default' };
}

/** The environment variable wins over the profile, as botocore's config chain has it. */
function envOrProfile(input: ResolveInput, variable: string, key: string): string | undefined {
  return nonEmpty(input.env[variable]) ?? setting(input, key);
}

export function resolveAwsSettings(input: ResolveInput, service: AwsService): AwsCallSettings {
  const { region, from } = resolveRegion(input);
  const endpoint = resolveEndpoint(input, service);
  const bundle = envOrProfile(input, 'AWS_CA_BUNDLE', 'ca_bundle');
  const attempts = Number(envOrProfile(input, 'AWS_MAX_ATTEMPTS', 'max_attempts'));
  return {
    service, region, regionFrom: from,
    ...(endpoint ? { endpoint: endpoint.url, endpointFrom: endpoint.from } : {}),
    useFipsEndpoint: isTrue(envOrProfile(input, 'AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint')),
    useDualstackEndpoint: isTrue(envOrProfile(input, 'AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint')),
    // botocore expands `~` and $VARS in ca_bundle; a relative path is relative to the working directory.
    ...(bundle ? { caBundle: path.resolve(expandPath(bundle, input.env, input.home)) } : {}),
    maxAttempts: Number.isInteger(attempts) && attempts > 0 ? attempts : 3,
  };
}
