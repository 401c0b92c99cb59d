// The "New action" modal: opened from /quorum action new, a global or a message shortcut; validated in place.
import type { App, types, ViewOutput, ViewUpdateResponseAction } from "@slack/bolt";
import type { Card } from "../../core/card.ts";
import { localDate } from "../../core/time/zone.ts";
import type { Group } from "../../core/types.ts";
import { cardToBlockKit, LIMITS } from "./block-kit.ts";
import { slackErrorCode, userMessageFor } from "./errors.ts";
import { clip, escapeMrkdwn } from "./escape.ts";
import { partnershipFor } from "./identity.ts";
import { plainText, runAs, type SlackDeps } from "./inbound.ts";

export const NEW_ACTION_VIEW = "quorum_new_action";
export const NEW_ACTION_SHORTCUT = "quorum_new_action";
export const MESSAGE_SHORTCUT = "quorum_action_from_message";
const MAX_TITLE = 500;

/** Where a message shortcut came from, carried through the modal so the action can link back to it. */
export interface Origin {
  channel: string;
  ts: string;
  permalink?: string;
}

export interface ModalValues {
  title: string;
  ownerSlackId?: string | undefined;
  group?: string | undefined;
  due?: string | undefined;
}

/** Opens the modal; returns a sentence for the person if Slack refused, else undefined. */
export async function openNewActionModal(
  deps: SlackDeps,
  opts: { team: string; user: string; triggerId: string; title?: string; origin?: Origin },
): Promise<string | undefined> {
  const groups = await deps.store.transaction(async (repos) => {
    const p = await partnershipFor(repos, opts.team);
    return p ? repos.groups.list(p.id) : [];
  });
  try {
    await deps.client.views.open({ trigger_id: opts.triggerId, view: newActionView({ ...opts, groups }) });
    return undefined;
  } catch (err) {
    deps.logger.warn({ slack: slackErrorCode(err) }, "Slack views.open failed");
    return userMessageFor(err);
  }
}

export function newActionView(opts: {
  user: string;
  groups: Group[];
  title?: string | undefined;
  origin?: Origin | undefined;
}): types.ModalView {
  const groupOptions = opts.groups.slice(0, 100).map((g) => ({
    text: { type: "plain_text" as const, text: clip(`${g.name} (${g.slug})`, 75) },
    value: g.slug,
  }));
  const blocks: types.KnownBlock[] = [
    {
      type: "input",
      block_id: "title",
      label: { type: "plain_text", text: "Title" },
      element: {
        type: "plain_text_input",
        action_id: "value",
        max_length: MAX_TITLE,
        placeholder: { type: "plain_text", text: "e.g. Circulate the draft strategy" },
        ...(opts.title ? { initial_value: clip(opts.title, MAX_TITLE) } : {}),
      },
    },
    {
      type: "input",
      block_id: "owner",
      label: { type: "plain_text", text: "Owner" },
      element: { type: "users_select", action_id: "value", initial_user: opts.user },
    },
  ];
  if (groupOptions.length) {
    blocks.push({
      type: "input",
      block_id: "group",
      optional: true,
      label: { type: "plain_text", text: "Group" },
      element: { type: "static_select", action_id: "value", options: groupOptions },
    });
  }
  blocks.push({
    type: "input",
    block_id: "due",
    optional: true,
    label: { type: "plain_text", text: "Due date" },
    element: { type: "datepicker", action_id: "value" },
  });
  if (opts.origin?.permalink) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `From <${opts.origin.permalink}|this message>` }],
    });
  }
  return {
    type: "modal",
    callback_id: NEW_ACTION_VIEW,
    title: { type: "plain_text", text: "New action" },
    submit: { type: "plain_text", text: "Add action" },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: opts.origin ? JSON.stringify(opts.origin) : "",
    blocks,
  };
}

export function readValues(view: ViewOutput): ModalValues {
  const v = view.state.values;
  return {
    title: v.title?.value?.value ?? "",
    ownerSlackId: v.owner?.value?.selected_user ?? undefined,
    group: v.group?.value?.selected_option?.value ?? undefined,
    due: v.due?.value?.selected_date ?? undefined,
  };
}

/** Checks Slack can't do for us; keyed by block id, as response_action "errors" wants. */
export function validate(values: ModalValues, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const title = values.title.trim();
  if (!title) errors.title = "Give the action a title.";
  else if (title.length > MAX_TITLE)
    errors.title = `Keep the title to ${MAX_TITLE} characters; put detail in a note.`;
  if (values.due && !/^\d{4}-\d{2}-\d{2}$/.test(values.due)) errors.due = "Pick a date from the calendar.";
  else if (values.due && values.due < today) errors.due = "That date has passed; pick today or later.";
  return errors;
}

/** The grammar line the modal stands for. Quote marks in a title would end the quoted title, so they become '. */
export function addCommand(values: ModalValues, ownerHandle: string): string {
  const title = values.title.trim().replace(/\s+/g, " ").replace(/["“”]/g, "'");
  const parts = [`action add "${title}"`, `owner:@${ownerHandle}`];
  if (values.group) parts.push(`group:${values.group}`);
  if (values.due) parts.push(`due:${values.due}`);
  return parts.join(" ");
}

export function registerNewActionModal(bolt: App, deps: SlackDeps): void {
  bolt.shortcut({ callback_id: NEW_ACTION_SHORTCUT, type: "shortcut" }, async ({ shortcut, ack }) => {
    await ack();
    const team = shortcut.team?.id ?? "";
    await openNewActionModal(deps, { team, user: shortcut.user.id, triggerId: shortcut.trigger_id });
  });

  bolt.shortcut(
    { callback_id: MESSAGE_SHORTCUT, type: "message_action" },
    async ({ shortcut, ack, respond }) => {
      await ack();
      const team = shortcut.team?.id ?? "";
      const text = await plainText(deps, team, shortcut.message.text ?? "");
      const origin: Origin = {
        channel: shortcut.channel.id,
        ts: shortcut.message.ts,
        ...(shortcut.team?.domain
          ? { permalink: permalink(shortcut.team.domain, shortcut.channel.id, shortcut.message.ts) }
          : {}),
      };
      const title = text.replace(/\s+/g, " ").trim();
      const problem = await openNewActionModal(deps, {
        team,
        user: shortcut.user.id,
        triggerId: shortcut.trigger_id,
        title,
        origin,
      });
      if (problem) await respond({ response_type: "ephemeral", text: problem });
    },
  );

  bolt.view(NEW_ACTION_VIEW, async ({ ack, body, view }) => {
    const team = body.team?.id ?? view.team_id;
    const user = body.user.id;
    const values = readValues(view);
    const origin = parseOrigin(view.private_metadata);
    const zone = await deps.store.transaction(
      async (r) => (await partnershipFor(r, team))?.timeZone ?? "Europe/London",
    );
    const errors = validate(values, localDate(deps.clock.now(), zone));
    const owner = values.ownerSlackId ? await deps.identity.person(team, values.ownerSlackId) : null;
    if (!owner)
      errors.owner ??=
        "Quorum can't match that person to a partner yet (no known email). Pick someone else, or ask them to use /quorum once.";
    if (Object.keys(errors).length || !owner) {
      await ack({ response_action: "errors", errors });
      return;
    }
    const where = origin ? { id: origin.channel } : {};
    const result = await runAs(deps, { team, user, text: addCommand(values, owner.handle), where });
    if (result.tone === "error") {
      await ack({
        response_action: "errors",
        errors: { [fieldFor(result.title)]: clip(result.title, 2000) },
      });
      return;
    }
    await ack(resultView(result));
    const ref = /^A-\d+/.exec(result.title)?.[0];
    if (origin && ref) await linkBack(deps, { team, user, origin, ref, title: values.title });
    await deps.home.refreshIfOpen(deps, team, user);
  });
}

/** After a successful submit the modal shows the new action, so the person sees what was recorded. */
export function resultView(result: Card): ViewUpdateResponseAction {
  return {
    response_action: "update",
    view: {
      type: "modal",
      title: { type: "plain_text", text: "Action added" },
      close: { type: "plain_text", text: "Done" },
      blocks: cardToBlockKit(result, { maxBlocks: LIMITS.viewBlocks }).blocks,
    },
  };
}

/** The action notes the message, and the message's thread names the action: each leads to the other. */
async function linkBack(
  deps: SlackDeps,
  o: { team: string; user: string; origin: Origin; ref: string; title: string },
): Promise<void> {
  if (o.origin.permalink) {
    await runAs(deps, {
      team: o.team,
      user: o.user,
      text: `action update ${o.ref} From a Slack message: ${o.origin.permalink}`,
      where: { id: o.origin.channel },
    });
  }
  try {
    await deps.client.chat.postMessage({
      channel: o.origin.channel,
      thread_ts: o.origin.ts,
      text: `<@${o.user}> made this message action ${o.ref}: ${clip(escapeMrkdwn(o.title.trim()), 2500)}`,
    });
  } catch (err) {
    deps.logger.warn({ slack: slackErrorCode(err), channel: o.origin.channel }, "Slack thread link failed");
    // The modal has closed by now: tell the person directly why the thread has no link.
    await deps.client.chat
      .postMessage({
        channel: o.user,
        text: `${o.ref} was added, but I couldn't reply in the message's thread. ${userMessageFor(err)}`,
      })
      .catch((e) => deps.logger.warn({ slack: slackErrorCode(e) }, "Slack DM failed"));
  }
}

const fieldFor = (message: string) =>
  /\b(date|due)\b/i.test(message)
    ? "due"
    : /\bgroup\b/i.test(message)
      ? "group"
      : /\b(owner|person|called)\b/i.test(message)
        ? "owner"
        : "title";

export const permalink = (domain: string, channel: string, ts: string) =>
  `https://${domain}.slack.com/archives/${channel}/p${ts.replace(".", "")}`;

function parseOrigin(meta: string): Origin | undefined {
  if (!meta) return undefined;
  try {
    const o = JSON.parse(meta) as Partial<Origin>;
    return typeof o.channel === "string" && typeof o.ts === "string" ? (o as Origin) : undefined;
  } catch {
    return undefined;
  }
}
