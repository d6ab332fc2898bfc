// SigV4 as AWS checks it: parse the Authorization header, find the secret of the key named in
// `Credential=`, and recompute the signature with @smithy/signature-v4 over exactly the headers the
// client signed (SignedHeaders). The emulator then knows not only which key signed a request but
// that the signer held its secret, so a test that "signs with the old key" fails for real.
import { createHash, createHmac } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface SigV4Header {
  keyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** The parts of `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(header: string | undefined): SigV4Header | undefined {
  if (!header?.startsWith('AWS4-HMAC-SHA256 ')) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice('AWS4-HMAC-SHA256 '.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const scope = (fields.get('Credential') ?? '').split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !signedHeaders || !signature) return undefined;
  const [keyId, date, region, service] = scope as [string, string, string, string];
  return { keyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

const toBytes = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** node:crypto in the shape @smithy/signature-v4 wants (a hash or, with a secret, an HMAC). */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export interface IncomingSigned {
  method: string;
  /** The request target as received: path and query. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** `20260101T120000Z` → Date. */
export function parseAmzDate(text: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/** True when `auth.signature` is what the secret (and token, if the client signed it) produce. */
export async function signatureMatches(request: IncomingSigned, auth: SigV4Header, secret: string, token?: string): Promise<boolean> {
  const signed = new Set(auth.signedHeaders);
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const date = parseAmzDate(headers['x-amz-date']);
  if (!date) return false;
  const [path = '/', search = ''] = request.url.split('?', 2);
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) query[k] = v;
  const httpRequest = new HttpRequest({ method: request.method, protocol: 'http:', hostname: '127.0.0.1', path, query, headers, body: request.body });
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.keyId, secretAccessKey: secret, ...(token && signed.has('x-amz-security-token') ? { sessionToken: token } : {}) },
    region: auth.region, service: auth.service, sha256: Sha256, applyChecksum: false,
  });
  const out = await signer.sign(httpRequest, { signingDate: date, signableHeaders: signed, signingRegion: auth.region, signingService: auth.service });
  const recomputed = /Signature=([0-9a-f]+)/.exec(String(out.headers.authorization))?.[1];
  return recomputed === auth.signature;
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as virtual MFA devices compute it. */
export function totp(base32Secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of base32Secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
