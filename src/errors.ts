/**
 * The one error type keyward throws. `code` is a stable kebab-case identifier; `hint` tells the
 * user what to do next. Messages are built from profile names, paths and codes only, never from
 * file text or secret values.
 */
export type ErrorCode =
  | 'usage'
  | 'parse-error'
  | 'file-unreadable'
  | 'file-unwritable'
  | 'file-changed-during-write'
  | 'lock-held'
  | 'keychain-locked'
  | 'keychain-unavailable'
  | 'keychain-timeout'
  | 'keychain-item-missing'
  | 'keychain-item-corrupt'
  | 'keychain-readback-mismatch'
  | 'previous-key-held'
  | 'policy-invalid'
  | 'profile-invalid'
  | 'service-error'
  | 'install-incomplete'
  | 'install-failed'
  | 'cancelled'
  // Session credentials (issue 13): sessions/.
  | 'mfa-unavailable'
  | 'mfa-process-failed'
  | 'mfa-cancelled'
  | 'mfa-code-rejected'
  | 'session-lock-held'
  | 'sts-failed'
  | 'session-via-shim'
  | 'internal';

/**
 * A registry symbol, not the class, marks keyward's errors: the bundled scan command and the shim
 * each carry their own copy of this module, and an error thrown by one copy must be recognised by
 * another. `instanceof` cannot do that; a shared symbol can.
 */
const BRAND = Symbol.for('keyward.error');

export class KeywardError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;

  constructor(code: ErrorCode, message: string, hint = '', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeywardError';
    this.code = code;
    this.hint = hint;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** The one way to ask whether a value is a KeywardError (from any copy of this module). */
export function isKeywardError(value: unknown): value is KeywardError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * What went wrong and what to do, as one sentence pair: a KeywardError's message and hint; for
 * anything else only its message (whose text keyward did not write, so no hint is invented).
 */
export function describeError(error: unknown): string {
  if (isKeywardError(error)) return error.hint ? `${error.message}. ${error.hint}` : error.message;
  return error instanceof Error ? error.message : String(error);
}

/** One line for stderr. */
export function formatError(error: KeywardError): string {
  return `keyward: ${describeError(error)}`;
}
