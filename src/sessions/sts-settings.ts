// Where a cache miss's GetSessionToken goes, resolved from the same botocore view of the files as
// rotate's calls (aws/settings.ts), so one profile reaches STS the same way in both. Loaded on a
// miss only (refresh.ts), never on the shim's cached path.
import type { Env } from '../awsconfig/paths.js';
import { profileViews } from '../awsconfig/profiles.js';
import { resolveAwsSettings } from '../aws/settings.js';
import type { AwsCallSettings } from '../aws/settings.js';
import { load } from './profile.js';
import type { AwsTexts } from './profile.js';

export function stsSettings(env: Env, home: string, profile: string, texts: AwsTexts): AwsCallSettings {
  const config = load(texts.config, 'config');
  const view = profileViews(config, load(texts.credentials, 'credentials')).get(profile);
  return resolveAwsSettings({ profile, env, home, ...(view ? { view } : {}), ...(config ? { config } : {}) }, 'sts');
}
