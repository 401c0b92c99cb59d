// The shell's outbound "platform": notifications for people whose chat is the terminal are printed.
import { neutraliseControls } from "../../core/clean-input.ts";
import type { Sender } from "../../core/outbound.ts";
import { type ChatAdapter, unpaced } from "../../core/ports/chat-adapter.ts";

export function createShellSender(write: (line: string) => void): Sender {
  let n = 0;
  return {
    platform: "shell",
    async send(target, payload) {
      // The text may come from any platform's renderer: the terminal gets it with control characters shown.
      write(neutraliseControls(`\n→ to ${target.label} (@${target.id}):\n${payload.text}\n`));
      n++;
      return { messageId: `shell-${Date.now()}-${n}` };
    },
  };
}

/** The shell as a chat adapter: nothing to mount, and no rate limit on a terminal. */
export const createShellAdapter = (write: (line: string) => void): ChatAdapter => ({
  name: "shell",
  ...unpaced(createShellSender(write)),
});
