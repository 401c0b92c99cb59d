// Chat replies that carry a file (a paper, an export) get a download link instead: the file is stored behind
// an unguessable token and served by /files/<token> until the link expires, offered as a link button. The shell
// saves files itself.
import { type Card, links, text } from "../core/card.ts";
import type { InboundEvent } from "../core/inbound.ts";
import type { Clock } from "../core/ports.ts";
import type { Quorum } from "../core/quorum.ts";
import { mapReplies } from "../core/reply-map.ts";
import { renderDocument } from "../documents/render-document.ts";
import type { Db } from "../store/open-database.ts";
import { shareFile } from "../store/repos/shared-files.ts";

export interface FileLinkOptions {
  db: Db;
  clock: Clock;
  /** e.g. https://quorum.example.org; without it there is no address to link to. */
  publicUrl: string | undefined;
  hours: number;
}

/** Links for quorum serve: its database and clock, and the configured address and lifetime. */
export const fileLinkOptions = (deps: {
  app: { database: { db: Db }; clock: Clock };
  config: { publicUrl?: string | undefined; fileLinkHours: number };
}): FileLinkOptions => ({
  db: deps.app.database.db,
  clock: deps.app.clock,
  publicUrl: deps.config.publicUrl,
  hours: deps.config.fileLinkHours,
});

/** The same Quorum, whose chat replies (typed, retried or from a form) swap an attachment for a link to it. */
export function withFileLinks(quorum: Quorum, opts: FileLinkOptions): Quorum {
  const link = async (event: InboundEvent, reply: Card): Promise<Card> =>
    !reply.attachment || event.platform === "shell" ? reply : linkReply(reply, opts);
  return mapReplies(quorum, link);
}

async function linkReply(reply: Card, opts: FileLinkOptions): Promise<Card> {
  const { attachment, ...rest } = reply;
  if (!attachment) return reply;
  if (!opts.publicUrl) {
    const line = `${attachment.filename} cannot be offered here: this Quorum has no public address (QUORUM_PUBLIC_URL). Ask an admin, or use quorum papers / quorum export on the server.`;
    return { ...rest, blocks: [...rest.blocks, text(line)] };
  }
  const { bytes, contentType } = await renderDocument(attachment.document);
  const { token } = await shareFile(
    opts.db,
    { partnershipId: attachment.partnershipId, filename: attachment.filename, contentType, bytes },
    opts.clock.now(),
    opts.hours,
  );
  const url = `${opts.publicUrl}/files/${token}`;
  // A button on Slack and Teams; the text beside it says how long the link lasts.
  const line = `The download link for ${attachment.filename} works for ${opts.hours} hours.`;
  return {
    ...rest,
    blocks: [...rest.blocks, text(line), links({ label: `Download ${attachment.filename}`, url })],
  };
}
