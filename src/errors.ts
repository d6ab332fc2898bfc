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
  | 'policy-invalid'
  | 'profile-invalid'
  | 'service-error'
  | 'internal';

export class KeywardError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;

  constructor(code: ErrorCode, message: string, hint = '', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeywardError';
    this.code = code;
    this.hint = hint;
  }
}

/**
 * By shape, not instanceof: a bundled command (dist/cli/commands/scan.js) carries its own copy of
 * the class, and its errors must still be recognised here.
 */
export function isKeywardError(value: unknown): value is KeywardError {
  if (value instanceof KeywardError) return true;
  const candidate = value as Partial<KeywardError> | null;
  return value instanceof Error && candidate?.name === 'KeywardError' && typeof candidate.code === 'string' && typeof candidate.hint === 'string';
}

/** One line for stderr: the message, then the hint. */
export function formatError(error: KeywardError): string {
  return error.hint ? `keyward: ${error.message}. ${error.hint}` : `keyward: ${error.message}`;
}
