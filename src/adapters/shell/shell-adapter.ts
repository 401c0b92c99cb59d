// The local shell as a chat platform: a readline REPL (or one command per line when stdin is not a
// terminal) over the core, with a direct conversation and channels, and a Sender that prints the posts
// delivered to them while it is open.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Card } from "../../core/card.ts";
import { neutraliseControls } from "../../core/clean-input.ts";
import type { Attachment } from "../../core/papers/documents.ts";
import type { ChatAdapter } from "../../core/ports/chat-adapter.ts";
import type { Quorum } from "../../core/quorum.ts";
import { cardToText } from "../../core/render-text.ts";
import { createShellConsole } from "./shell-console.ts";
import { PASTE_END, type Paste, pastedMessage, pasteHint, startsPaste } from "./shell-paste.ts";
import { placeLine, promptFor, readShellWord, type ShellPlace, shellEvent } from "./shell-place.ts";
import { createShellSender } from "./shell-sender.ts";

export { shellEvent } from "./shell-place.ts";

export interface ShellAdapterOptions {
  input: Readable;
  output: Writable;
  interactive: boolean;
  /** The handle the shell starts as. */
  user: string;
  /** The partnership's slug, so the shell works where several partnerships exist; default "local". */
  tenant?: string;
}

export interface ShellRunOptions {
  quorum: Quorum;
  /** Shown in the banner, e.g. "Essex Partners (demo)". */
  partnershipName?: string;
  /** Runs after each command: delivers at once what it queued for the shell (a digest, a notification). */
  afterEach?: () => Promise<void>;
  /** Writes a reply's file (a paper, an export) to the working folder and returns its path. */
  saveFile?: (a: Attachment) => Promise<string>;
}

/** The shell as a chat platform: its sender prints delivered posts on this terminal, unpaced. */
export interface ShellAdapter extends ChatAdapter {
  readonly name: "shell";
  readonly platform: "shell";
  /** Reads commands until "exit" or the end of input. */
  run(opts: ShellRunOptions): Promise<void>;
}

export function createShellAdapter(opts: ShellAdapterOptions): ShellAdapter {
  const tenant = opts.tenant ?? "local";
  const place: ShellPlace = { user: opts.user, channel: null };
  const terminal = createShellConsole(opts.output, opts.interactive);
  const sender = createShellSender(
    (text) => terminal.post(text),
    () => ({ place: { ...place }, tenant }),
  );

  /** One line: a shell word moves the shell; anything else is said to Quorum where the shell is. */
  async function handle(line: string, run: ShellRunOptions): Promise<void> {
    const word = readShellWord(line);
    if (word?.kind === "as") {
      place.user = word.user;
      terminal.write(`Now acting as @${place.user}${place.channel ? ` in #${place.channel}` : ""}.`);
    } else if (word?.kind === "channel") {
      place.channel = word.channel;
      terminal.write(placeLine(place));
    } else if (word?.kind === "refused") {
      terminal.write(word.message);
    } else {
      const reply = await run.quorum.handle(shellEvent(place.user, line, tenant, place.channel));
      terminal.write(renderForShell(reply));
      if (reply.attachment) terminal.write(await fileLine(reply.attachment, run.saveFile));
      terminal.write("");
      await run.afterEach?.();
    }
  }

  return {
    name: "shell",
    platform: "shell",
    sender,
    // A terminal has no rate limit.
    paceKeys: () => [],
    async run(run) {
      const rl = createInterface({ input: opts.input, output: opts.output, terminal: opts.interactive });
      terminal.attach(rl);
      const showPrompt = () => {
        rl.setPrompt(promptFor(place));
        terminal.prompt();
      };
      if (opts.interactive) {
        const where = run.partnershipName ? ` in ${run.partnershipName}` : "";
        terminal.write(
          `Quorum shell as @${place.user}${where}. Type help for commands, "as <handle>" to switch person, "channel <name>" to talk in a channel ("dm" to come back), "exit" to leave.`,
        );
        showPrompt();
      }
      let paste: Paste | null = null;
      const send = (text: string) => terminal.running(() => handle(text, run));
      for await (const raw of rl) {
        const line = raw.trim();
        if (paste) {
          // Pasted lines are kept as they are (a table's tabs too) until the end mark.
          if (line !== PASTE_END) {
            paste.lines.push(raw);
            continue;
          }
          const whole = pastedMessage(paste);
          paste = null;
          await send(whole);
          showPrompt();
          continue;
        }
        if (line === "exit" || line === "quit") break;
        // A stand-in Quorum (tests) may have no command list: then nothing starts a paste.
        paste = line && readShellWord(line) === null ? startsPaste(run.quorum.commands ?? [], line) : null;
        if (paste) terminal.write(pasteHint(line));
        else if (line) await send(line);
        if (!paste) showPrompt();
      }
      if (paste) await send(pastedMessage(paste));
      rl.close();
    },
  };
}

/** "Saved to /path/file.docx", or why not: the reply still stands when the file cannot be written. */
export async function fileLine(a: Attachment, save: ShellRunOptions["saveFile"]): Promise<string> {
  if (!save) return `(${a.filename} was made, but this shell has no folder to save it in.)`;
  try {
    return `Saved to ${await save(a)}`;
  } catch (err) {
    return `Could not save ${a.filename}: ${neutraliseControls((err as Error).message)}`;
  }
}

export const renderForShell = (c: Card) => cardToText(c);
