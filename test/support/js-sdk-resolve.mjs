// Resolves one profile with the JS SDK v3's fromIni in a process of its own, so the test can give
// it (and the credential_process it spawns) a temp HOME without touching the test's own env.
// Usage: node js-sdk-resolve.mjs PROFILE [STS_ENDPOINT]
import { fromIni } from '@aws-sdk/credential-providers';

const [profile, endpoint] = process.argv.slice(2);
const clientConfig = endpoint ? { endpoint, region: 'us-east-1' } : undefined;
try {
  const c = await fromIni({ profile, clientConfig, ignoreCache: true })();
  console.log(JSON.stringify({ AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken }));
} catch (error) {
  console.error(`${error.name}: ${error.message}`);
  process.exitCode = 1;
}
