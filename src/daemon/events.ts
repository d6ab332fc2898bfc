// The daemon's events and their two renderings: one JSON object per line (`watch --format json`,
// the log) and one human line (the foreground console). Pure.
import { jsonToShow, linesToShow } from '../display.js';
import { findingJson } from '../report/json.js';
import type { Finding } from './contracts.js';

export type DaemonEvent =
  /** `agent`: the socket the agent serves on (absent when it does not serve). */
  | { event: 'ready'; time: string; files: number; agent?: string }
  | ({ event: 'finding'; time: string; reminder?: boolean } & Finding)
  | ({ event: 'resolved'; time: string } & Finding)
  /** A file error (unreadable, refused by botocore) that is gone. */
  | { event: 'resolved'; time: string; file: string; line?: number; message: string; error: true }
  | { event: 'migrated'; time: string; profile: string; file: string }
  | { event: 'skipped'; time: string; profile: string; file: string; reason: string }
  | { event: 'repaired'; time: string; profile: string; file: string; line: number; message: string }
  | { event: 'error'; time: string; message: string; file?: string; line?: number; profile?: string; code?: string };

export type EventName = DaemonEvent['event'];

export function findingEvent(finding: Finding, time: Date, reminder = false): DaemonEvent {
  return { event: 'finding', time: time.toISOString(), ...findingJson(finding), ...(reminder && { reminder }) };
}

export function resolvedEvent(finding: Finding, time: Date): DaemonEvent {
  return { event: 'resolved', time: time.toISOString(), ...findingJson(finding) };
}

export function toJsonLine(event: DaemonEvent): string {
  return `${jsonToShow(event)}\n`;
}

/** One line for people: `time level what where`; names and paths from files are shown escaped. */
export function toText(event: DaemonEvent): string {
  return linesToShow(rawText(event));
}

function rawText(event: DaemonEvent): string {
  switch (event.event) {
    case 'ready':
      return `keyward watch: watching ${event.files} files${event.agent ? `; serving credentials on ${event.agent}` : ''}`;
    case 'finding':
      return `${event.reminder ? 'still open' : 'NEW'} ${event.severity} ${event.ruleId}: ${where(event)} ${event.message}` +
        (event.evidence ? ` (${event.evidence})` : '') + `\n  fix: ${event.remediation}`;
    case 'resolved':
      return 'error' in event ? `resolved: ${where(event)} ${event.message}` : `resolved ${event.ruleId}: ${where(event)}`;
    case 'migrated':
      return `migrated profile '${event.profile}' from ${event.file} to the keychain`;
    case 'repaired':
      return `repaired: ${where(event)} ${event.message}`;
    case 'skipped':
      return `not migrated: profile '${event.profile}' in ${event.file}: ${event.reason}`;
    case 'error':
      return `error: ${event.file ? `${where(event)} ` : ''}${event.message}`;
  }
}

function where(event: { file?: string; line?: number; profile?: string }): string {
  const at = event.line ? `${event.file}:${event.line}` : (event.file ?? '');
  return event.profile !== undefined ? `${at} [${event.profile}]` : at;
}

/** The log level an event is written at. */
export function eventLevel(event: DaemonEvent): 'error' | 'warn' | 'info' {
  if (event.event === 'error') return 'error';
  if (event.event === 'finding') return event.severity === 'high' || event.severity === 'medium' ? 'warn' : 'info';
  return 'info';
}
