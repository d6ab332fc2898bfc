// keyward's exit codes (docs/architecture.md §3), the same for every command.
export const EXIT = {
  ok: 0,
  /** Findings at or above --fail-on, or not everything done (a profile not migrated). */
  incomplete: 1,
  /** A usage or runtime error: nothing, or only what the message says, was changed. */
  error: 2,
  /** The user answered no, or pressed Ctrl-C at a prompt. */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
