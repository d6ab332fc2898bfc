// Node's error codes, asked the same way everywhere.

/** True for the errors that mean "there is nothing at this path". */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The error's code (`EACCES`), or a stand-in when it has none. */
export function errorCode(error: unknown, fallback = 'error'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : fallback;
}
