// What every command receives: the environment, HOME, a clock and the terminal. Built once at
// the entry point; tests build their own with buffers and a temp HOME.
import type { Env } from './awsconfig/paths.js';

export interface Output {
  write(text: string): void;
  isTTY: boolean;
}

export interface Context {
  env: Env;
  home: string;
  now: () => Date;
  out: Output;
  err: Output;
  /** True when a person can answer a prompt. */
  interactive: boolean;
  /** Reads one line from the user (only called when `interactive`). */
  prompt: (question: string) => Promise<string>;
}
