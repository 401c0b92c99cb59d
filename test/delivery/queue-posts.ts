// Outbox rows for the delivery tests: one post per entry, queued straight into the demo partnership's outbox
// in the order given (so in id order), without going through a command or a schedule; and drained until none
// is left.
import { inArray } from "drizzle-orm";
import { card } from "../../src/core/card.ts";
import type { DeliveryTarget } from "../../src/core/outbound.ts";
import { payloadOf } from "../../src/core/schedule/digest.ts";
import type { Platform } from "../../src/core/types.ts";
import { createStore } from "../../src/store/drizzle-store.ts";
import type { Db } from "../../src/store/open-database.ts";
import { outbox } from "../../src/store/schema.ts";

export interface TestPost {
  platform: Platform;
  tenant: string;
  /** The conversation (a channel, or a person for kind "person"). */
  id: string;
  /** The card's title: what the fake sender receives. */
  title: string;
  /** Unique per post: the outbox's dedupe key. */
  key: string;
  kind?: DeliveryTarget["kind"];
}

/** Queues the posts in one transaction, each due (and created) at `at`. */
export async function queuePosts(db: Db, posts: readonly TestPost[], at: Date): Promise<void> {
  await createStore(db).transaction(async (repos) => {
    const partnership = await repos.partnerships.bySlug("demo");
    if (!partnership) throw new Error("no demo partnership");
    for (const post of posts) {
      const { platform, tenant, id } = post;
      const target: DeliveryTarget = {
        platform,
        tenant,
        kind: post.kind ?? "channel",
        id,
        ref: null,
        label: id,
      };
      await repos.outbox.enqueue({
        partnershipId: partnership.id,
        dedupeKey: post.key,
        kind: "test",
        platform,
        target: { ...target },
        payload: { ...payloadOf(card(post.title, [])) },
        createdAt: at,
        notBefore: at,
      });
    }
  });
}

/**
 * Runs `pass` (a worker's drain or drainOnce) until no row is pending or sending, calling `between` (which
 * moves the test clock on) after each pass that left some; fails after `passes` passes.
 */
export async function drainUntilEmpty(
  db: Db,
  pass: () => Promise<unknown>,
  between: () => void,
  passes = 50,
): Promise<void> {
  for (let i = 0; i < passes; i++) {
    await pass();
    const left = await db
      .select()
      .from(outbox)
      .where(inArray(outbox.status, ["pending", "sending"]));
    if (left.length === 0) return;
    between();
  }
  throw new Error(`the outbox did not drain in ${passes} passes`);
}
