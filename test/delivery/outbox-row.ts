// An outbox row as a worker receives it from a claim, for delivery tests that run without a database.
import type { DeliveryTarget } from "../../src/core/outbound.ts";
import type { OutboxRow, OutboxStatus } from "../../src/core/ports/delivery-queue.ts";

export const outboxRow = (
  id: number,
  target: DeliveryTarget,
  status: OutboxStatus = "sending",
): OutboxRow => ({
  id,
  partnershipId: 1,
  kind: "test",
  platform: target.platform,
  target,
  targetKey: `${target.platform}:${target.tenant}:${target.id}`,
  payload: { text: `Post ${id} to ${target.id}`, blocks: [] } as unknown as OutboxRow["payload"],
  status,
  attempts: 0,
  notBefore: new Date(0),
  lastError: null,
  messageId: null,
  createdAt: new Date(0),
  expiresAt: null,
});
