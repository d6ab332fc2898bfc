// One AWS call through the JS SDK v3 in a process of its own (so credential_process, HOME and the
// AWS_ENDPOINT_URL_* variables are the test's): node aws-call.mjs PROFILE iam|sts OPERATION [PARAMS_JSON]
// Prints {"ok": output} or {"error": code, "status": http status}; exit 0 either way.
import { fromIni } from '@aws-sdk/credential-providers';

const [profile, service, operation, params = '{}'] = process.argv.slice(2);
const mod = service === 'iam' ? await import('@aws-sdk/client-iam') : await import('@aws-sdk/client-sts');
const Client = service === 'iam' ? mod.IAMClient : mod.STSClient;
// As a user selects a profile: AWS_PROFILE. The SDK reads a configured endpoint_url from that
// profile only (smithy getEndpointFromConfig ignores the client's `profile` option).
process.env.AWS_PROFILE = profile;
const client = new Client({ profile, region: 'us-east-1', credentials: fromIni({ profile, ignoreCache: true }), maxAttempts: 1 });
try {
  const out = await client.send(new mod[`${operation}Command`](JSON.parse(params)));
  delete out.$metadata;
  console.log(JSON.stringify({ ok: out }));
} catch (error) {
  // Modeled errors are named after their shape (LimitExceededException for code LimitExceeded).
  const code = error.Code ?? error.name.replace(/Exception$/, '');
  console.log(JSON.stringify({ error: code, status: error.$metadata?.httpStatusCode, ...(code === 'Error' ? { message: error.message } : {}) }));
}
