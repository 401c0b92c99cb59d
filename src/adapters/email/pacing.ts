// Email's pacing as the outbox worker sees it: sends to one recipient domain are spaced, so a digest to
// 500 people at one council does not look like a flood to its mail gateway.
import type { Sender } from "../../core/outbound.ts";
import type { Outlet } from "../../core/ports/chat-adapter.ts";

/** Five messages a second per recipient domain. */
export const EMAIL_PER_DOMAIN_MS = 200;

export const domainOf = (address: string): string =>
  address.slice(address.lastIndexOf("@") + 1).toLowerCase();

export const emailOutlet = (sender: Sender, gapMs = EMAIL_PER_DOMAIN_MS): Outlet => ({
  platform: "email",
  sender,
  paceKeys: (target) => [{ key: `email-domain:${domainOf(target.id)}`, gapMs }],
});
