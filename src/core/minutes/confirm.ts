// The preview's buttons: Create all (every ready action in the command's one transaction), Edit and Skip
// (take one action out of the preview), Cancel. Each acts only on the actor's own pending preview.
import { announceOwnerChange } from "../actions/notify.ts";
import { actionRef, addAction } from "../actions/service.ts";
import { type Block, type Card, card, items, text } from "../card.ts";
import { audit, type Context } from "../context.ts";
import { QuorumError } from "../errors.ts";
import { meetingRef } from "../meetings/service.ts";
import type { Meeting } from "../types.ts";
import { addCommand, itemDetail, occurrenceLabel, previewCard, ready } from "./cards.ts";
import type { MinutesPreview, PreviewItem } from "./ports.ts";
import { assertMayAddActions, openPreview } from "./preview.ts";

async function meetingOf(ctx: Context, p: MinutesPreview): Promise<Meeting> {
  const meeting = await ctx.repos.meetings.byId(ctx.partnership.id, p.meetingId);
  if (!meeting) throw new QuorumError("not_found", `The meeting ${meetingRef(p.meetingId)} is gone.`);
  return meeting;
}

/** Creates every ready action, recorded as arising at the preview's occurrence; flagged ones are listed. */
export async function createAll(ctx: Context, idText: string | undefined): Promise<Card> {
  assertMayAddActions(ctx);
  const p = await openPreview(ctx, idText);
  const meeting = await meetingOf(ctx, p);
  const group = await ctx.repos.groups.byId(meeting.groupId);
  const todo = ready(p);
  if (!todo.length)
    throw new QuorumError(
      "bad_argument",
      "Every action in the preview is flagged, so there is nothing to create: Edit or Skip them first.",
    );
  const created: string[] = [];
  for (const item of todo) {
    const owner = await ctx.repos.people.byId(item.ownerId ?? 0);
    if (owner?.status !== "active")
      throw new QuorumError(
        "conflict",
        `#${item.n}'s owner is no longer active, so nothing was created: Edit or Skip #${item.n}, then Create all again.`,
      );
    const organisation = item.organisationId ? await ctx.repos.organisations.byId(item.organisationId) : null;
    const action = await addAction(ctx, {
      title: item.title,
      owner,
      organisation,
      group,
      meeting,
      meetingDate: p.meetingDate,
      dueOn: item.dueOn,
    });
    await announceOwnerChange(ctx, action, null);
    created.push(actionRef(action.number));
  }
  // Last, and only if still pending: a second click racing this one finds it closed and rolls back.
  if (!(await ctx.repos.minutes.close(p.id, "created", created)))
    throw new QuorumError(
      "conflict",
      "Those minutes were already turned into actions. Nothing more was created.",
    );
  await audit(ctx, "minutes.create", `${meetingRef(p.meetingId)}@${p.meetingDate}`, {
    preview: p.id,
    created,
  });
  return createdCard(p, todo, created, leftOut(p));
}

function leftOut(p: MinutesPreview): Block[] {
  const flagged = p.items.filter((i) => i.flag);
  if (!flagged.length) return [];
  return [
    items(
      flagged.map((i) => ({
        title: `#${i.n} ${i.title}`,
        detail: `Not created: ${i.flag}`,
        note: addCommand(p, i, null),
      })),
      "Not created (correct and send the command under each)",
    ),
  ];
}

function createdCard(p: MinutesPreview, done: PreviewItem[], refs: string[], rest: Block[]): Card {
  const list = done.map((i, k) => ({ title: `${refs[k]} ${i.title}`, detail: itemDetail(i) }));
  const reply = card(
    `${refs.length} action${refs.length === 1 ? "" : "s"} created from the minutes of ${occurrenceLabel(p)}: ${refs.join(", ")}`,
    [items(list, "Created"), ...rest],
    { tone: rest.length ? "warning" : "success" },
  );
  return { ...reply, ref: refs.join(",") };
}

function itemOf(p: MinutesPreview, nText: string | undefined): PreviewItem {
  const n = Number((nText ?? "").replace(/^#/, ""));
  const item = p.items.find((i) => i.n === n);
  if (!item) {
    const have = p.items.map((i) => `#${i.n}`).join(", ") || "none";
    throw new QuorumError("bad_argument", `The preview has no action "${nText ?? ""}". It has: ${have}.`);
  }
  return item;
}

/** Takes one action out of the preview; Edit also gives it back as an action add line to correct. */
export async function takeOut(
  ctx: Context,
  idText: string | undefined,
  nText: string | undefined,
  edit: boolean,
): Promise<Card> {
  const p = await openPreview(ctx, idText);
  const item = itemOf(p, nText);
  const rest = p.items.filter((i) => i.n !== item.n);
  await ctx.repos.minutes.setItems(p.id, rest);
  const owner = item.ownerId ? await ctx.repos.people.byId(item.ownerId) : null;
  const said: Block[] = edit
    ? [
        text(`#${item.n} is out of the preview. Correct this line and send it to add it yourself:`),
        { kind: "usage", usage: addCommand(p, item, owner?.handle ?? null) },
      ]
    : [text(`Skipped #${item.n} "${item.title}": it will not be created.`)];
  const meeting = await meetingOf(ctx, p);
  if (!rest.length) {
    await ctx.repos.minutes.close(p.id, "cancelled", []);
    return card("No actions left in the preview: nothing was created", said, { tone: "info" });
  }
  return previewCard({ ...p, items: rest }, meeting.title, said);
}

export async function cancelPreview(ctx: Context, idText: string | undefined): Promise<Card> {
  const p = await openPreview(ctx, idText);
  await ctx.repos.minutes.close(p.id, "cancelled", []);
  return card(`Cancelled: no actions were created from the minutes of ${occurrenceLabel(p)}.`, [], {
    tone: "info",
  });
}
