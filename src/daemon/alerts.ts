// Which findings are news. A finding is alerted once, when its fingerprint first appears; while it
// stays it is only repeated by the reminder schedule; when it disappears it is `resolved`. Pure.
import type { Finding } from './contracts.js';

export interface FindingDiff {
  /** Fingerprints not open before: alert these. */
  added: Finding[];
  /** Open before, gone now: report as resolved (with the finding as last seen). */
  resolved: Finding[];
  /** Everything open now, by fingerprint: the next call's `previous`. */
  open: Map<string, Finding>;
}

export function diffFindings(previous: ReadonlyMap<string, Finding>, current: readonly Finding[]): FindingDiff {
  const open = new Map<string, Finding>();
  for (const finding of current) if (!open.has(finding.fingerprint)) open.set(finding.fingerprint, finding);
  const added = [...open.values()].filter((finding) => !previous.has(finding.fingerprint));
  const resolved = [...previous.values()].filter((finding) => !open.has(finding.fingerprint));
  return { added, resolved, open };
}

/** Keeps findings whose file failed to read or parse this time: a broken save is not a fix. */
export function keepUnreadable(
  previous: ReadonlyMap<string, Finding>, current: readonly Finding[], unreadable: ReadonlySet<string>,
): Finding[] {
  if (unreadable.size === 0) return [...current];
  const carried = [...previous.values()].filter((finding) => unreadable.has(finding.file));
  return [...current, ...carried];
}
