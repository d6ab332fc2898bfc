// The emulator's accounts: users with their access keys (at most two, as IAM allows), MFA devices,
// and the temporary credentials STS handed out. Pure data and the IAM/STS actions over it; the
// HTTP side (signatures, XML, faults) is aws-emulator.ts.
import { randomBytes, randomInt } from 'node:crypto';
import { AwsFault, FAULTS, type Service, type Xml } from './aws-emulator-xml.js';
import { totp } from './aws-emulator-auth.js';

export interface EmulatedKey {
  id: string;
  secret: string;
  user: string;
  status: 'Active' | 'Inactive';
  created: Date;
  lastUsed?: { date: Date; service: string; region: string };
  /** Propagation: refused until this time, and for this many more signed requests. */
  refusedUntil: number;
  refusedCalls: number;
}

export interface EmulatedSession {
  id: string;
  secret: string;
  token: string;
  expiration: Date;
  arn: string;
  userId: string;
  /** The IAM user behind a GetSessionToken session; absent for a role. */
  user?: string;
  mfa: boolean;
}

export interface EmulatedUser {
  name: string;
  userId: string;
  arn: string;
  created: Date;
  /** serial → a fixed code, or a TOTP secret (base32). */
  mfa: Map<string, { code?: string; totpSecret?: string }>;
}

/** Who signed a request: a user's key, or a session. */
export type Caller = { kind: 'key'; key: EmulatedKey } | { kind: 'session'; session: EmulatedSession };

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';
const pick = (alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
/** An id as AWS makes them: a 4-letter prefix and 16 of [A-Z2-7]. */
export const awsId = (prefix: string): string => prefix + pick(BASE32, 16);
const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class EmulatorState {
  readonly users = new Map<string, EmulatedUser>();
  readonly keys = new Map<string, EmulatedKey>();
  readonly sessions = new Map<string, EmulatedSession>();
  /** Applied to keys created from now on (delayPropagation). */
  propagation = { ms: 0, calls: 0 };

  constructor(readonly account: string) {}

  addUser(name: string): EmulatedUser {
    const user = { name, userId: awsId('AIDA'), arn: `arn:aws:iam::${this.account}:user/${name}`, created: new Date(), mfa: new Map() };
    this.users.set(name, user);
    return user;
  }

  /** Adds a key with the given id and secret (a seed), bypassing the two-key limit check only if asked. */
  addKey(userName: string, id: string, secret: string, status: EmulatedKey['status'] = 'Active'): EmulatedKey {
    this.user(userName);
    const key: EmulatedKey = { id, secret, user: userName, status, created: new Date(), refusedUntil: 0, refusedCalls: 0 };
    this.keys.set(id, key);
    return key;
  }

  user(name: string): EmulatedUser {
    const user = this.users.get(name);
    if (!user) throw FAULTS.noSuchEntity(`The user with name ${name} cannot be found.`);
    return user;
  }

  keysOf(userName: string): EmulatedKey[] {
    return [...this.keys.values()].filter((k) => k.user === userName).sort((a, b) => a.created.getTime() - b.created.getTime());
  }

  /** The user an IAM action applies to: `UserName`, else the caller's own user. */
  private targetUser(params: URLSearchParams, caller: Caller): EmulatedUser {
    const named = params.get('UserName');
    if (named) return this.user(named);
    const own = caller.kind === 'key' ? caller.key.user : caller.session.user;
    if (!own) throw FAULTS.validation('Must specify userName when calling with non-User credentials');
    return this.user(own);
  }

  private keyOf(params: URLSearchParams, caller: Caller): EmulatedKey {
    const user = this.targetUser(params, caller);
    const id = params.get('AccessKeyId') ?? '';
    const key = this.keys.get(id);
    if (!key || key.user !== user.name) throw FAULTS.noSuchEntity(`The Access Key with id ${id} cannot be found.`);
    return key;
  }

  iam(action: string, params: URLSearchParams, caller: Caller): Xml | undefined {
    switch (action) {
      case 'ListAccessKeys': {
        const user = this.targetUser(params, caller);
        return { UserName: user.name, AccessKeyMetadata: this.keysOf(user.name).map((k) => ({ UserName: k.user, AccessKeyId: k.id, Status: k.status, CreateDate: iso(k.created) })), IsTruncated: 'false' };
      }
      case 'CreateAccessKey': {
        const user = this.targetUser(params, caller);
        if (this.keysOf(user.name).length >= 2) throw FAULTS.limit();
        const key = this.addKey(user.name, awsId('AKIA'), pick(SECRET_CHARS, 40));
        key.refusedUntil = this.propagation.ms ? Date.now() + this.propagation.ms : 0;
        key.refusedCalls = this.propagation.calls;
        return { AccessKey: { UserName: user.name, AccessKeyId: key.id, Status: key.status, SecretAccessKey: key.secret, CreateDate: iso(key.created) } };
      }
      case 'UpdateAccessKey': {
        const status = params.get('Status');
        if (status !== 'Active' && status !== 'Inactive') throw FAULTS.validation(`1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`);
        this.keyOf(params, caller).status = status;
        return undefined;
      }
      case 'DeleteAccessKey':
        this.keys.delete(this.keyOf(params, caller).id);
        return undefined;
      case 'GetAccessKeyLastUsed': {
        const key = this.keys.get(params.get('AccessKeyId') ?? '');
        if (!key) throw new AwsFault('AccessDenied', 403, 'User is not authorized to perform: iam:GetAccessKeyLastUsed');
        const used = key.lastUsed;
        return { UserName: key.user, AccessKeyLastUsed: used ? { LastUsedDate: iso(used.date), ServiceName: used.service, Region: used.region } : { ServiceName: 'N/A', Region: 'N/A' } };
      }
      case 'GetUser': {
        const user = this.targetUser(params, caller);
        return { User: { Path: '/', UserName: user.name, UserId: user.userId, Arn: user.arn, CreateDate: iso(user.created) } };
      }
      default:
        throw FAULTS.invalidAction(action);
    }
  }

  sts(action: string, params: URLSearchParams, caller: Caller): Xml {
    switch (action) {
      case 'GetCallerIdentity': {
        if (caller.kind === 'session') return { Arn: caller.session.arn, UserId: caller.session.userId, Account: this.account };
        const user = this.user(caller.key.user);
        return { Arn: user.arn, UserId: user.userId, Account: this.account };
      }
      case 'GetSessionToken': {
        if (caller.kind === 'session') throw new AwsFault('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials');
        const user = this.user(caller.key.user);
        const mfa = this.checkMfa(params, user);
        const session = this.issue(params, 43_200, { arn: user.arn, userId: user.userId, user: user.name, mfa });
        return { Credentials: this.credentialsXml(session) };
      }
      case 'AssumeRole': {
        const roleArn = params.get('RoleArn') ?? '';
        const name = params.get('RoleSessionName') ?? '';
        const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
        if (!role || !name) throw FAULTS.validation('1 validation error detected: RoleArn and RoleSessionName are required');
        const caller_user = caller.kind === 'key' ? this.user(caller.key.user) : caller.session.user ? this.user(caller.session.user) : undefined;
        const mfa = caller_user ? this.checkMfa(params, caller_user) : false;
        const roleId = 'AROA' + role[2]!.toUpperCase().replace(/[^A-Z2-7]/g, 'Q').padEnd(16, 'Q').slice(0, 16);
        const arn = `arn:aws:sts::${role[1]}:assumed-role/${role[2]}/${name}`;
        const session = this.issue(params, 3600, { arn, userId: `${roleId}:${name}`, mfa });
        return { Credentials: this.credentialsXml(session), AssumedRoleUser: { AssumedRoleId: `${roleId}:${name}`, Arn: arn } };
      }
      default:
        throw FAULTS.invalidAction(action);
    }
  }

  /** SerialNumber + TokenCode must name a device of the user and its current code; neither is fine. */
  private checkMfa(params: URLSearchParams, user: EmulatedUser): boolean {
    const serial = params.get('SerialNumber');
    const code = params.get('TokenCode');
    if (!serial && !code) return false;
    if (!serial || !code) throw FAULTS.validation('SerialNumber and TokenCode must be given together');
    const device = user.mfa.get(serial);
    const now = Date.now();
    const valid = device?.code !== undefined ? [device.code]
      : device?.totpSecret ? [-30_000, 0, 30_000].map((d) => totp(device.totpSecret!, now + d)) : [];
    if (!valid.includes(code)) throw FAULTS.mfaFailed();
    return true;
  }

  private issue(params: URLSearchParams, defaultSeconds: number, who: Omit<EmulatedSession, 'id' | 'secret' | 'token' | 'expiration'>): EmulatedSession {
    const seconds = Number(params.get('DurationSeconds') ?? defaultSeconds);
    if (!Number.isInteger(seconds) || seconds < 900) throw FAULTS.validation('DurationSeconds must be at least 900');
    const session: EmulatedSession = { ...who, id: awsId('ASIA'), secret: pick(SECRET_CHARS, 40),
      token: 'FwoGZXIvYXdzE' + randomBytes(96).toString('base64'), expiration: new Date(Date.now() + seconds * 1000) };
    this.sessions.set(session.id, session);
    return session;
  }

  private credentialsXml(s: EmulatedSession): Xml {
    return { AccessKeyId: s.id, SecretAccessKey: s.secret, SessionToken: s.token, Expiration: iso(s.expiration) };
  }
}

/** Which service an action belongs to (the emulator serves both on one port). */
export const SERVICE_OF: Record<string, Service> = {
  ListAccessKeys: 'iam', CreateAccessKey: 'iam', UpdateAccessKey: 'iam', DeleteAccessKey: 'iam', GetAccessKeyLastUsed: 'iam', GetUser: 'iam',
  GetCallerIdentity: 'sts', GetSessionToken: 'sts', AssumeRole: 'sts',
};
