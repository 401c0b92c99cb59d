// Link buttons whose url is a path ("/view/…") are made whole with Quorum's public address, or explained without it.
import type { Block, Card } from "./card.ts";
import type { Quorum } from "./quorum.ts";
import { mapReplies } from "./reply-map.ts";

/** What to say when a reply links to this server but no one has said where the server can be reached. */
export const NO_PUBLIC_ADDRESS =
  "This Quorum has no public address, so there is no full link yet: an admin sets QUORUM_PUBLIC_URL to the address people reach quorum serve at (for example https://quorum.example.org) and restarts it.";

function blockWithAddress(block: Block, publicUrl: string | undefined): Block[] {
  if (block.kind !== "links" || !block.links.some((l) => l.url.startsWith("/"))) return [block];
  if (publicUrl)
    return [
      {
        kind: "links",
        links: block.links.map((l) => (l.url.startsWith("/") ? { ...l, url: `${publicUrl}${l.url}` } : l)),
      },
    ];
  const whole = block.links.filter((l) => !l.url.startsWith("/"));
  const paths = block.links.filter((l) => l.url.startsWith("/"));
  return [
    ...(whole.length ? [{ kind: "links" as const, links: whole }] : []),
    { kind: "text", text: NO_PUBLIC_ADDRESS },
    ...paths.map((l) => ({ kind: "text" as const, text: `${l.label}, its path on that address: ${l.url}` })),
  ];
}

/** The card with every path link made absolute under `publicUrl` (no trailing slash), or explained when unset. */
export function withAddress(card: Card, publicUrl: string | undefined): Card {
  if (!card.blocks.some((b) => b.kind === "links")) return card;
  return { ...card, blocks: card.blocks.flatMap((b) => blockWithAddress(b, publicUrl)) };
}

/** The same Quorum, whose replies carry whole links; every platform, the shell included, gets them. */
export const withPublicAddress = (quorum: Quorum, publicUrl: string | undefined): Quorum =>
  mapReplies(quorum, (_event, reply) => withAddress(reply, publicUrl));
