// Runs an OS tool (systemctl, launchctl, schtasks) and reports how it went; never throws, since
// a missing tool or bus is an answer the caller turns into a message.
import { execFile } from 'node:child_process';

export interface ExecResult {
  /** Exit code; 127 when the program could not be started. */
  code: number;
  stdout: string;
  stderr: string;
}

export type Runner = (program: string, args: string[]) => Promise<ExecResult>;

export const runTool: Runner = (program, args) =>
  new Promise((resolve) => {
    execFile(program, args, { timeout: 15_000, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve({ code: 0, stdout, stderr });
      const code = typeof error.code === 'number' ? error.code : 127;
      resolve({ code, stdout, stderr: stderr || error.message });
    });
  });

/** The line of a tool's output that says what went wrong: one naming a failure, else the last. */
export function complaint(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  return lines.find((line) => /fail|error|denied|not found/i.test(line)) ?? lines.at(-1) ?? 'no output';
}
