// The shell's outbound platform, an ordinary Sender: each post the outbox delivers to a shell channel or
// to a person on the terminal is printed under a line saying where it was posted and who it was for.
import { neutraliseControls } from "../../core/clean-input.ts";
import type { DeliveryTarget, OutboundPayload, Sender } from "../../core/outbound.ts";
import { type ChatAdapter, unpaced } from "../../core/ports/chat-adapter.ts";
import type { ShellPlace } from "./shell-place.ts";

/** Where the terminal is: marks a post for the current person or channel, and one for another partnership. */
export interface ShellViewer {
  place: ShellPlace;
  /** The partnership slug the shell acts in. */
  tenant: string;
}

/** The marker line above a post: "Quorum posted in #partners-board (here)", "Quorum to you (@jo), direct message". */
export function postHeading(target: DeliveryTarget, viewer?: ShellViewer): string {
  const here = viewer?.place;
  const elsewhere = viewer && target.tenant !== viewer.tenant ? ` [partnership ${target.tenant}]` : "";
  const where =
    target.kind === "channel"
      ? `Quorum posted in ${target.label}${here?.channel === target.id && !elsewhere ? " (here)" : ""}`
      : `Quorum to ${here?.user === target.id && !elsewhere ? "you" : target.label} (@${target.id}), direct message`;
  return `── ${where}${elsewhere} ──`;
}

export const renderPost = (target: DeliveryTarget, payload: OutboundPayload, viewer?: ShellViewer): string =>
  // The text may come from any platform's renderer: the terminal gets it with control characters shown.
  neutraliseControls(`${postHeading(target, viewer)}\n${payload.text}\n\n`);

export function createShellSender(write: (text: string) => void, viewer?: () => ShellViewer): Sender {
  let n = 0;
  return {
    platform: "shell",
    async send(target, payload) {
      write(renderPost(target, payload, viewer?.()));
      n++;
      return { messageId: `shell-${Date.now()}-${n}` };
    },
  };
}

/** The shell as a chat adapter: nothing to mount, and no rate limit on a terminal. */
export const shellOutlet = (write: (text: string) => void, viewer?: () => ShellViewer): ChatAdapter => ({
  name: "shell",
  ...unpaced(createShellSender(write, viewer)),
});
