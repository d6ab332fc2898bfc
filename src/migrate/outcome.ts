// What migrate and restore report for each profile they touched or left alone.

export interface Outcome {
  profile: string;
  file: string;
  /** Redacted key ID. */
  accessKeyId?: string;
  reason?: string;
  /** For a skip: a long-term key stays in plaintext. */
  leavesKey?: boolean;
}
