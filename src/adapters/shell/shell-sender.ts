// The shell's outbound "platform": notifications for people whose chat is the terminal are printed.
import { neutraliseControls } from "../../core/clean-input.ts";
import type { Sender } from "../../core/outbound.ts";

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
