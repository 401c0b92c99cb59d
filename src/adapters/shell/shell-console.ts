// The terminal the shell shares between replies and posts that arrive unprompted: a post never lands in
// the middle of a reply (it waits until the command is answered) nor in a half-typed line (at the prompt
// it is printed above it, and the prompt and what was typed so far are drawn again below).
import { clearScreenDown, cursorTo, type Interface, moveCursor } from "node:readline";
import type { Writable } from "node:stream";

export interface ShellConsole {
  /** Reply text for the command being run, printed as it comes. */
  write(text: string): void;
  /** A delivered post: printed now at the prompt, or after the reply while a command runs. */
  post(text: string): void;
  /** Runs a command; posts arriving meanwhile are printed after it. */
  running<T>(fn: () => Promise<T>): Promise<T>;
  /** Shows the prompt (interactive only); posts arriving from now on are drawn above it. */
  prompt(): void;
  /** The readline interface whose prompt and input line posts must keep intact. */
  attach(rl: Interface): void;
}

export function createShellConsole(output: Writable, interactive: boolean): ShellConsole {
  let rl: Interface | null = null;
  let busy = 0;
  let atPrompt = false;
  const waiting: string[] = [];
  const write = (text: string) => output.write(text.endsWith("\n") ? text : `${text}\n`);

  /** Clears the prompt and typed line, prints the post, then draws them again with the cursor where it was. */
  function aboveThePrompt(r: Interface, text: string): void {
    moveCursor(output, 0, -r.getCursorPos().rows);
    cursorTo(output, 0);
    clearScreenDown(output);
    write(text);
    output.write(`${r.getPrompt()}${r.line}`);
    const after = r.line.length - r.cursor;
    if (after > 0) moveCursor(output, -after, 0);
  }

  const flush = () => {
    for (const text of waiting.splice(0)) write(text);
  };

  return {
    write,
    post(text) {
      if (busy > 0) waiting.push(text);
      else if (rl && interactive && atPrompt) aboveThePrompt(rl, text);
      else write(text);
    },
    async running(fn) {
      busy++;
      atPrompt = false;
      try {
        return await fn();
      } finally {
        busy--;
        if (busy === 0) flush();
      }
    },
    prompt() {
      if (!rl || !interactive) return;
      rl.prompt();
      atPrompt = true;
    },
    attach(r) {
      rl = r;
    },
  };
}
