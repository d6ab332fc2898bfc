// The XML the AWS Query protocol answers with, shaped as IAM (2010-05-08) and STS (2011-06-15)
// send it: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…` and, on error,
// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>` (STS and IAM alike). The
// AWS CLI v2, botocore and the JS SDK all parse these; the element names are the APIs' own.
import { randomUUID } from 'node:crypto';

export type Service = 'iam' | 'sts';

const NAMESPACE: Record<Service, string> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

/** A tree of elements: a string is text, an array is a `<member>` list, an object nests. */
export type Xml = string | Xml[] | { [name: string]: Xml | undefined };

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function render(value: Xml): string {
  if (typeof value === 'string') return escapeXml(value);
  if (Array.isArray(value)) return value.map((v) => `<member>${render(v)}</member>`).join('');
  return Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `<${k}>${render(v as Xml)}</${k}>`).join('');
}

/** A successful answer; `result` undefined for actions that return nothing (UpdateAccessKey). */
export function successXml(service: Service, action: string, result?: Xml): string {
  const body = result === undefined ? '' : `<${action}Result>${render(result)}</${action}Result>`;
  return `<${action}Response xmlns="${NAMESPACE[service]}">${body}` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
}

export function errorXml(service: Service, code: string, message: string, status: number): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return `<ErrorResponse xmlns="${NAMESPACE[service]}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

/** An AWS error: code, HTTP status and message, as the service sends them. */
export class AwsFault extends Error {
  constructor(readonly code: string, readonly status: number, message: string) {
    super(message);
  }
}

/** The errors the emulator sends, with AWS's own status codes and messages. */
export const FAULTS = {
  invalidToken: () => new AwsFault('InvalidClientTokenId', 403, 'The security token included in the request is invalid.'),
  badSignature: () => new AwsFault('SignatureDoesNotMatch', 403,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'),
  missingAuth: () => new AwsFault('MissingAuthenticationToken', 403, 'Request is missing Authentication Token'),
  expired: () => new AwsFault('ExpiredToken', 403, 'The security token included in the request is expired'),
  noSuchEntity: (what: string) => new AwsFault('NoSuchEntity', 404, what),
  limit: () => new AwsFault('LimitExceeded', 409, 'Cannot exceed quota for AccessKeysPerUser: 2'),
  invalidAction: (action: string) => new AwsFault('InvalidAction', 400, `Could not find operation ${action} for version`),
  mfaFailed: () => new AwsFault('AccessDenied', 403, 'MultiFactorAuthentication failed with invalid MFA one time pass code. '),
  validation: (message: string) => new AwsFault('ValidationError', 400, message),
};
