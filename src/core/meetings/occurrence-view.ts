// meeting show for one occurrence: when and where, its papers deadline and link, agenda, apologies (the
// count for everyone, names for the chair), decisions, actions arising and open actions carried forward.
import { actionItem } from "../actions/cards.ts";
import { type Block, type Card, type Field, items, text } from "../card.ts";
import type { Context } from "../context.ts";
import { localDate } from "../time/zone.ts";
import type { ActionView, Group } from "../types.ts";
import { occurrenceActions } from "./arising.ts";
import { keyOf } from "./business.ts";
import {
  agendaBlock,
  apologiesField,
  apologyItems,
  decisionItems,
  type People,
  peopleIn,
} from "./business-cards.ts";
import { occurrenceCard } from "./cards.ts";
import type { Occurrence } from "./occurrences.ts";
import { mayManageGroup } from "./warnings.ts";

/** Actions listed per heading on meeting show; meeting papers lists them all. */
const SHOW_ACTIONS = 15;

export async function loadPeople(ctx: Context, ids: number[]): Promise<People> {
  const found = await Promise.all(ids.map((id) => ctx.repos.people.byId(id)));
  return new Map(found.flatMap((p) => (p ? [[p.id, p] as const] : [])));
}

function actionList(
  list: ActionView[],
  heading: string,
  empty: string,
  today: string,
  more: string,
): Block[] {
  const shown = list.slice(0, SHOW_ACTIONS);
  return [
    items(
      shown.map((a) => actionItem(a, today)),
      `${heading} (${list.length})`,
      empty,
    ),
    ...(list.length > shown.length ? [text(`${list.length - shown.length} more: ${more}`)] : []),
  ];
}

/** The occurrence's blocks after its when/where fields, for the occurrence card and the series card. */
export async function occurrenceBusiness(
  ctx: Context,
  group: Group,
  o: Occurrence,
): Promise<{ fields: Field[]; blocks: Block[] }> {
  const key = keyOf(o);
  const zone = ctx.partnership.timeZone;
  const today = localDate(ctx.now, zone);
  const [agenda, apologies, decisions, link, actions] = await Promise.all([
    ctx.repos.boards.agenda(key),
    ctx.repos.boards.apologies(key),
    ctx.repos.boards.decisions(key),
    ctx.repos.boards.papersLink(key),
    occurrenceActions(ctx, o),
  ]);
  const chair = mayManageGroup(ctx, group);
  const people = await loadPeople(ctx, peopleIn(agenda, chair ? apologies : []));
  const day = localDate(o.startsAt, zone);
  const paperCommand = `meeting papers M-${o.meeting.id} ${day}`;
  const blocks: Block[] = [agendaBlock(agenda, people)];
  // Names and reasons are the chair's to see: everyone else gets the count (see apologiesField).
  if (chair && apologies.length) blocks.push(items(apologyItems(apologies, people), "Apologies"));
  if (decisions.length || o.startsAt <= ctx.now)
    blocks.push(items(decisionItems(decisions), `Decisions (${decisions.length})`, "No decisions recorded."));
  if (o.startsAt <= ctx.now || actions.arising.length)
    blocks.push(
      ...actionList(actions.arising, "Actions arising", "No actions arising.", today, paperCommand),
    );
  blocks.push(
    ...actionList(
      actions.carried,
      "Open actions from earlier meetings",
      "None carried forward.",
      today,
      paperCommand,
    ),
  );
  return {
    fields: [{ label: "Papers", value: link ?? "no link yet" }, apologiesField(apologies, ctx.actor.id)],
    blocks,
  };
}

/** One occurrence in full. */
export async function occurrenceView(ctx: Context, group: Group, o: Occurrence): Promise<Card> {
  const zone = ctx.partnership.timeZone;
  const base = occurrenceCard(o, group, zone, localDate(ctx.now, zone), mayManageGroup(ctx, group));
  const business = await occurrenceBusiness(ctx, group, o);
  const [head, ...rest] = base.blocks;
  const withFields =
    head?.kind === "fields"
      ? [{ ...head, fields: [...head.fields, ...business.fields] }]
      : head
        ? [head]
        : [];
  return { ...base, blocks: [...withFields, ...rest, ...business.blocks] };
}
