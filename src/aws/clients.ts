// Thin wrappers over @aws-sdk/client-iam and client-sts for keyward's own calls, signed with
// credentials the caller passes (a key from the keychain, never the SDK's credential chain). The
// SDK is loaded with `import()` only when a command makes a call: the shim never reaches this file.
import type { Env } from '../awsconfig/paths.js';
import { quietSdk, sdkClientConfig as clientConfig } from './client-config.js';
import type { Credentials } from './client-config.js';
import type { AwsCallSettings } from './settings.js';

export type { Credentials } from './client-config.js';

export interface AccessKeyInfo {
  id: string;
  status: 'Active' | 'Inactive';
  created?: Date;
}

export interface IamApi {
  /** The caller's own keys (ListAccessKeys without UserName). */
  listAccessKeys(): Promise<AccessKeyInfo[]>;
  createAccessKey(): Promise<{ id: string; secret: string }>;
  updateAccessKey(id: string, status: 'Active' | 'Inactive'): Promise<void>;
  deleteAccessKey(id: string): Promise<void>;
  /** When the key last signed a request; undefined if never. */
  lastUsed(id: string): Promise<Date | undefined>;
  getUser(): Promise<{ name: string; arn: string }>;
}

export interface StsApi {
  callerIdentity(): Promise<{ arn: string; account: string; userId: string }>;
}

/** An AWS error answer (or no answer): the code AWS sent and its HTTP status. */
export class AwsCallError extends Error {
  constructor(readonly code: string, readonly status: number | undefined, message: string) {
    super(message);
    this.name = 'AwsCallError';
  }
}

/** The SDK's error as code + status. Modeled errors are named `<Code>Exception`; the message never holds a secret. */
export function toCallError(error: unknown): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const e = error as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  // No HTTP answer at all (refused, reset, DNS, TLS, proxy, timeout): one code for all of them.
  if (status === undefined) return new AwsCallError('network', undefined, `${e.code ?? e.name ?? 'Error'}: ${e.message ?? ''}`.trim());
  const code = e.Code ?? (e.name ?? 'Error').replace(/Exception$/, '');
  return new AwsCallError(code, status, e.message ?? code);
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toCallError(error);
  }
}

export async function openIam(profile: string, settings: AwsCallSettings, env: Env, credentials: Credentials): Promise<IamApi> {
  quietSdk();
  const sdk = await import('@aws-sdk/client-iam');
  const client = new sdk.IAMClient(clientConfig(profile, settings, env, credentials));
  return {
    listAccessKeys: () => call(async () => {
      const out = await client.send(new sdk.ListAccessKeysCommand({}));
      return (out.AccessKeyMetadata ?? []).map((k) => ({ id: k.AccessKeyId ?? '', status: k.Status === 'Active' ? 'Active' : 'Inactive', ...(k.CreateDate ? { created: k.CreateDate } : {}) }));
    }),
    createAccessKey: () => call(async () => {
      const key = (await client.send(new sdk.CreateAccessKeyCommand({}))).AccessKey;
      if (!key?.AccessKeyId || !key.SecretAccessKey) throw new AwsCallError('MalformedResponse', 200, 'CreateAccessKey answered without a key');
      return { id: key.AccessKeyId, secret: key.SecretAccessKey };
    }),
    updateAccessKey: (id, status) => call(async () => void await client.send(new sdk.UpdateAccessKeyCommand({ AccessKeyId: id, Status: status }))),
    deleteAccessKey: (id) => call(async () => void await client.send(new sdk.DeleteAccessKeyCommand({ AccessKeyId: id }))),
    lastUsed: (id) => call(async () => (await client.send(new sdk.GetAccessKeyLastUsedCommand({ AccessKeyId: id }))).AccessKeyLastUsed?.LastUsedDate),
    getUser: () => call(async () => {
      const user = (await client.send(new sdk.GetUserCommand({}))).User;
      return { name: user?.UserName ?? '', arn: user?.Arn ?? '' };
    }),
  };
}

export async function openSts(profile: string, settings: AwsCallSettings, env: Env, credentials: Credentials): Promise<StsApi> {
  quietSdk();
  const sdk = await import('@aws-sdk/client-sts');
  const client = new sdk.STSClient(clientConfig(profile, settings, env, credentials));
  return {
    callerIdentity: () => call(async () => {
      const out = await client.send(new sdk.GetCallerIdentityCommand({}));
      return { arn: out.Arn ?? '', account: out.Account ?? '', userId: out.UserId ?? '' };
    }),
  };
}
