// A direct message whose platform says the person is gone (left the workspace, the app uninstalled):
// the identity is forgotten when the person left (kept when only the workspace is out of reach), and the
// message is queued once for the next way to reach them, then email, with every other message still
// pending for that same target, in order. Each dedupe key extends its row's, so a retry of this step never
// queues one twice.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { DeliveryTarget } from "../core/outbound.ts";
import type { OutboxRow } from "../core/ports/delivery-queue.ts";
import type { NewOutboxMessage } from "../core/ports.ts";
import { reachTargets } from "../core/reach/targets.ts";
import type { Platform } from "../core/types.ts";
import { reposFor } from "./drizzle-store.ts";
import type { Db } from "./open-database.ts";
import { outbox } from "./schema.ts";

const same = (a: DeliveryTarget, b: DeliveryTarget) =>
  a.platform === b.platform && a.tenant === b.tenant && a.id === b.id;

export async function retargetRow(
  db: Db,
  row: OutboxRow,
  platforms: Platform[],
  now: Date,
  forgetIdentity = true,
): Promise<DeliveryTarget | null> {
  if (row.target.kind !== "person") return null;
  return db.transaction(async (tx) => {
    const repos = reposFor(tx as unknown as Db);
    const [first] = await tx
      .select({ dedupeKey: outbox.dedupeKey, expiresAt: outbox.expiresAt })
      .from(outbox)
      .where(eq(outbox.id, row.id));
    const partnership = await repos.partnerships.byId(row.partnershipId);
    const ref = row.target.ref as { personId?: unknown } | null;
    const person =
      row.platform === "email"
        ? typeof ref?.personId === "number"
          ? await repos.people.byId(ref.personId)
          : null
        : await repos.people.byIdentity(row.platform, row.target.tenant, row.target.id);
    if (!first || !partnership || !person) return null;
    // A person who left is forgotten there; a workspace out of reach keeps its people's accounts linked.
    if (row.platform !== "email" && forgetIdentity)
      await repos.reach.removeIdentity(row.platform, row.target.tenant, row.target.id);
    const targets = await reachTargets(repos, partnership, person, { email: platforms.includes("email") });
    const next = targets.find((t) => platforms.includes(t.platform) && !same(t, row.target));
    if (!next) return null;
    // The rest of the conversation queued behind this row would meet the same answer, and once the identity
    // is forgotten could no longer be sent on (the person is not found by it): they go on now, after it.
    // Locked so a claim cannot take one meanwhile; another partnership's rows are not this person's to move.
    const behind = await tx
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.targetKey, row.targetKey),
          eq(outbox.partnershipId, row.partnershipId),
          eq(outbox.status, "pending"),
          ne(outbox.id, row.id),
        ),
      )
      .orderBy(asc(outbox.id))
      .for("update");
    const moved = [
      { ...row, dedupeKey: first.dedupeKey, expiresAt: first.expiresAt },
      ...behind.map((b) => ({ ...b, payload: b.payload as unknown as OutboxRow["payload"] })),
    ];
    const then = `:then:${next.platform}:${next.tenant}:${next.id}`;
    await repos.outbox.enqueueMany(
      moved.map(
        (m): NewOutboxMessage => ({
          partnershipId: m.partnershipId,
          dedupeKey: `${m.dedupeKey}${then}`,
          kind: m.kind,
          platform: next.platform,
          target: { ...next },
          payload: { ...m.payload },
          createdAt: now,
          notBefore: now,
          expiresAt: m.expiresAt,
        }),
      ),
    );
    if (behind.length > 0)
      await tx
        .update(outbox)
        .set({
          status: "parked",
          lastError: `sent on by ${next.platform} with an earlier message`,
          leaseUntil: null,
        })
        .where(
          inArray(
            outbox.id,
            behind.map((b) => b.id),
          ),
        );
    await repos.audit.record({
      partnershipId: row.partnershipId,
      actorId: null,
      platform: "system",
      verb: "delivery.retargeted",
      subject: `person:${person.id}`,
      detail: { from: row.platform, to: next.platform, kind: row.kind, messages: moved.length },
    });
    return next;
  });
}
