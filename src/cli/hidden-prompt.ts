// Asking for secrets on the terminal without echoing them, like ssh or sudo do: the controlling
// terminal (/dev/tty) is opened directly, so the answers never pass through stdin redirections,
// argv, the environment or shell history, and it is in raw mode while the user types.
import fs from 'node:fs';
import tty from 'node:tty';
import { KeywardError } from '../errors.js';

/**
 * Asks each question in turn on /dev/tty with echo off and returns the answers. Ctrl-C cancels
 * (exit 130); Ctrl-D ends an answer. Typed-ahead input (a paste of two lines) carries over.
 */
export async function askHidden(questions: string[]): Promise<string[]> {
  let readFd: number;
  let writeFd: number;
  try {
    readFd = fs.openSync('/dev/tty', 'r');
    writeFd = fs.openSync('/dev/tty', 'w');
  } catch {
    throw new KeywardError('usage', 'there is no terminal to ask for the key on',
      "Pipe the key in with --stdin (one 'AKID SECRET' line, or credential_process JSON); nothing was changed.");
  }
  const input = new tty.ReadStream(readFd);
  const output = new tty.WriteStream(writeFd);
  const lines = lineReader(input);
  try {
    input.setRawMode(true);
    const answers: string[] = [];
    for (const question of questions) {
      output.write(question);
      answers.push(await lines.next());
      output.write('\n');
    }
    return answers;
  } finally {
    input.setRawMode(false);
    lines.stop();
    input.destroy();
    output.destroy();
  }
}

interface LineReader {
  next(): Promise<string>;
  stop(): void;
}

function lineReader(input: tty.ReadStream): LineReader {
  const done: (string | Error)[] = [];
  let current = '';
  let afterCr = false;
  let waiting: ((line: string | Error) => void) | undefined;
  const push = (line: string | Error): void => {
    if (waiting) {
      const wake = waiting;
      waiting = undefined;
      wake(line);
    } else done.push(line);
  };
  const onData = (chunk: Buffer): void => {
    for (const char of chunk.toString('utf8')) {
      // A pasted CRLF ends one answer, not two.
      const skip = afterCr && char === '\n';
      afterCr = char === '\r';
      if (skip) continue;
      if (char === '\r' || char === '\n' || char === '\u0004') {
        push(current);
        current = '';
      } else if (char === '\u0003') push(new KeywardError('cancelled', 'cancelled at the prompt'));
      else if (char === '\u007f' || char === '\b') current = current.slice(0, -1);
      else if (char >= ' ') current += char;
    }
  };
  input.on('data', onData);
  return {
    next: () => new Promise((resolve, reject) => {
      const settle = (line: string | Error): void => (line instanceof Error ? reject(line) : resolve(line));
      const first = done.shift();
      if (first !== undefined) settle(first);
      else waiting = settle;
    }),
    stop: () => void input.off('data', onData),
  };
}
