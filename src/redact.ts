// The only place a secret is formatted for display, and the last line of defence before any text
// (a message, a profile name, an error, a removed line in a plan) is printed or logged.
import { KEY_ID } from './rules/patterns.js';

/**
 * A secret shown as its first four and last four characters, joined by an ellipsis
 * (`AKIA…WXYZ`). Short values are hidden entirely, since four plus four characters of a
 * 12-character value would reveal most of it.
 */
export function redact(secret: string): string {
  if (secret.length < 16) return '…';
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}

/** Runs of the secret-key alphabet long enough to be a secret access key or a session token. */
const LONG_TOKEN = /[A-Za-z0-9/+=]{40,}/g;

/**
 * `text` with every secret in it redacted: the `known` values (and each line of a multi-line
 * one), every AWS key ID, and every 40+ character run of the key alphabet that mixes upper case,
 * lower case and digits (a path or a hex hash does not; real secrets do).
 */
export function redactText(text: string, known: readonly string[] = []): string {
  let out = text;
  // Most calls (three per finding) pass no known value: skip building the list.
  if (known.length > 0) {
    const pieces = known.flatMap((value) => [value, ...value.split('\n').map((line) => line.trim())]).filter((v) => v.length > 0);
    for (const piece of pieces.sort((a, b) => b.length - a.length)) out = out.split(piece).join(redact(piece));
  }
  return out
    .replace(KEY_ID, (id) => redact(id))
    .replace(LONG_TOKEN, (run) => (isTokenLike(run) ? redact(run) : run));
}

function isTokenLike(run: string): boolean {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}
