// The local shell: a readline REPL (or one command per line when stdin is not a terminal) over the core.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Card } from "../../core/card.ts";
import { neutraliseControls } from "../../core/clean-input.ts";
import type { InboundEvent } from "../../core/inbound.ts";
import type { Attachment } from "../../core/papers/documents.ts";
import type { Quorum } from "../../core/quorum.ts";
import { cardToText } from "../../core/render-text.ts";

/** tenant: the partnership's slug when several exist; "local" means the only one there is. */
export const shellEvent = (user: string, text: string, tenant = "local"): InboundEvent => ({
  platform: "shell",
  tenant,
  userId: user,
  text,
  conversation: { id: `shell:${user}`, kind: "direct" },
});

export interface ShellOptions {
  quorum: Quorum;
  user: string;
  input: Readable;
  output: Writable;
  interactive: boolean;
  /** The partnership's slug, so the shell works where several partnerships exist. */
  tenant?: string;
  /** Shown in the banner, e.g. "Essex Partners (demo)". */
  partnershipName?: string;
  /** Runs after each command: delivers notifications it queued for people on the shell. */
  afterEach?: () => Promise<void>;
  /** Writes a reply's file (a paper, an export) to the working folder and returns its path. */
  saveFile?: (a: Attachment) => Promise<string>;
}

export async function runShell(opts: ShellOptions): Promise<void> {
  let user = opts.user;
  const rl = createInterface({ input: opts.input, output: opts.output, terminal: opts.interactive });
  const write = (s: string) => opts.output.write(`${s}\n`);
  if (opts.interactive) {
    write(
      `Quorum shell as @${user}${opts.partnershipName ? ` in ${opts.partnershipName}` : ""}. Type help for commands, "as <handle>" to switch person, "exit" to leave.`,
    );
    rl.setPrompt("quorum> ");
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "exit" || line === "quit") break;
    const switchTo = /^as\s+@?(\S+)$/i.exec(line);
    if (switchTo?.[1]) {
      user = neutraliseControls(switchTo[1].toLowerCase());
      write(`Now acting as @${user}.`);
    } else if (line) {
      const reply = await opts.quorum.handle(shellEvent(user, line, opts.tenant));
      write(renderForShell(reply));
      if (reply.attachment) write(await fileLine(reply.attachment, opts.saveFile));
      write("");
      await opts.afterEach?.();
    }
    if (opts.interactive) rl.prompt();
  }
  rl.close();
}

/** "Saved to /path/file.docx", or why not: the reply still stands when the file cannot be written. */
export async function fileLine(a: Attachment, save: ShellOptions["saveFile"]): Promise<string> {
  if (!save) return `(${a.filename} was made, but this shell has no folder to save it in.)`;
  try {
    return `Saved to ${await save(a)}`;
  } catch (err) {
    return `Could not save ${a.filename}: ${neutraliseControls((err as Error).message)}`;
  }
}

export const renderForShell = (c: Card) => cardToText(c);
