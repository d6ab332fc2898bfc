/**
 * The only place a secret is formatted for display: the first four and last four characters,
 * joined by an ellipsis (`AKIA…WXYZ`). Short values are hidden entirely, since four plus four
 * characters of a 12-character value would reveal most of it.
 */
export function redact(secret: string): string {
  if (secret.length < 16) return '…';
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}
