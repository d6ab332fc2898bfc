// What migrate and restore report for each profile they touched or left alone.

export interface Outcome {
  profile: string;
  file: string;
  /** Redacted key ID. */
  accessKeyId?: string;
  reason?: string;
  /**
   * For an adopted key (the profile already used keyward): the redacted key ID the item held
   * before, now kept as the previous key; `none` when the item was missing.
   */
  replaced?: string;
  /** For a skip: a long-term key stays in plaintext. */
  leavesKey?: boolean;
}
