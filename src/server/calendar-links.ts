// meeting subscribe replies with a path (/calendar/<token>.ics); this puts the public address in front of
// it, or says how to set one. The core never reads configuration, so the address is added out here.
import type { Card } from "../core/card.ts";
import { calendarPath } from "../core/meetings/calendar-links.ts";
import type { Quorum } from "../core/quorum.ts";
import { mapReplies } from "../core/reply-map.ts";

const PATH = /^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/;

export const NO_PUBLIC_URL =
  "This Quorum has no public address, so no calendar can reach it. An admin sets QUORUM_PUBLIC_URL (e.g. https://quorum.example.org) where quorum serve runs; the link then works. Meanwhile: quorum calendar <group> --out meetings.ics writes the file.";

/** The full feed address for a token (the read-only web view links to it too). */
export const calendarLinkFor = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/+$/, "")}${calendarPath(token)}`;

function withAddress(reply: Card, publicUrl: string | undefined): Card {
  const path = reply.ref;
  if (!path || !PATH.test(path)) return reply;
  const { ref: _, ...rest } = reply;
  if (!publicUrl) {
    // Without an address the token is of no use, so it is not shown at all.
    const blocks = rest.blocks.filter((b) => !(b.kind === "text" && b.text.includes(path)));
    return { ...rest, tone: "warning", blocks: [{ kind: "text", text: NO_PUBLIC_URL }, ...blocks] };
  }
  const url = `${publicUrl.replace(/\/+$/, "")}${path}`;
  const blocks = rest.blocks.map((b) => (b.kind === "text" ? { ...b, text: b.text.replace(path, url) } : b));
  return { ...rest, blocks };
}

/** The same Quorum, whose calendar replies carry the full link. */
export const withCalendarLinks = (quorum: Quorum, publicUrl: string | undefined): Quorum =>
  mapReplies(quorum, (_event, reply) => withAddress(reply, publicUrl));
