// The "New action" modal: action add's core form rendered for Slack, opened from /quorum new action or a shortcut.
import type { GlobalShortcut, MessageShortcut, types, ViewUpdateResponseAction } from "@slack/bolt";
import type { Card } from "../../core/card.ts";
import { commandAt } from "../../core/commands/forms.ts";
import type { Form, OpenedForm } from "../../core/commands/spec.ts";
import { cardToBlockKit, LIMITS } from "./block-kit.ts";
import { slackErrorCode, userMessageFor } from "./errors.ts";
import { clip, escapeMrkdwn } from "./escape.ts";
import { fieldErrors, formModal, personFields, readFormState } from "./form-view.ts";
import { forRequest, plainText, runAs, type SlackDeps, type SlackShared, slackEvent } from "./inbound.ts";
import type { SlackRoutes } from "./routes.ts";

export const NEW_ACTION_VIEW = "quorum_new_action";
export const NEW_ACTION_SHORTCUT = "quorum_new_action";
export const MESSAGE_SHORTCUT = "quorum_action_from_message";
/** The command the modal's form belongs to; the form itself (fields, limits) comes from the core. */
export const ADD_ACTION = ["action", "add"];

/** Where a message shortcut came from, carried through the modal so the action can link back to it. */
export interface Origin {
  channel: string;
  ts: string;
  permalink?: string;
}

/** Opens the modal; returns a sentence for the person if Quorum or Slack refused, else undefined. */
export async function openNewActionModal(
  deps: SlackDeps,
  opts: {
    team: string;
    user: string;
    /** The user's own workspace (a Slack Connect guest's differs from the installation's). */
    userTeam?: string | undefined;
    triggerId: string;
    title?: string;
    origin?: Origin;
  },
): Promise<string | undefined> {
  const where = opts.origin ? { id: opts.origin.channel } : {};
  const event = await slackEvent(deps, {
    team: opts.team,
    user: opts.user,
    userTeam: opts.userTeam,
    text: "",
    where,
  });
  const opening = await deps.quorum.openForm(event, ADD_ACTION);
  if (!opening.ok) return opening.card.title;
  try {
    await deps.client.views.open({ trigger_id: opts.triggerId, view: newActionView(opening.form, opts) });
    return undefined;
  } catch (err) {
    deps.logger.warn({ slack: slackErrorCode(err) }, "Slack views.open failed");
    return userMessageFor(err);
  }
}

export function newActionView(
  form: OpenedForm,
  opts: { user: string; title?: string | undefined; origin?: Origin | undefined },
): types.ModalView {
  const link = opts.origin?.permalink;
  return formModal(form, {
    callbackId: NEW_ACTION_VIEW,
    user: opts.user,
    initial: opts.title ? { title: opts.title } : undefined,
    metadata: opts.origin ? JSON.stringify(opts.origin) : "",
    footer: link
      ? [{ type: "context", elements: [{ type: "mrkdwn", text: `From <${link}|this message>` }] }]
      : [],
  });
}

/**
 * The form's values for `Quorum.run`: a person picked in Slack becomes their Quorum handle. Someone Quorum
 * cannot match yet is an error on that field, since only Slack knows who the picked user is.
 */
async function formValues(
  deps: SlackDeps,
  team: string,
  form: Form,
  state: Record<string, string>,
): Promise<{ values: Record<string, string>; errors: Record<string, string> }> {
  const values = { ...state };
  const errors: Record<string, string> = {};
  for (const field of personFields(form)) {
    const slackId = state[field.name];
    if (!slackId) continue;
    const person = await deps.identity.person(deps.client, team, slackId);
    if (person) values[field.name] = `@${person.handle}`;
    else errors[field.name] = UNMATCHED;
  }
  return { values, errors };
}

const UNMATCHED =
  "Quorum can't match that person to a partner yet (no known email). Pick someone else, or ask them to use /quorum once.";

export function registerNewActionModal(routes: SlackRoutes, shared: SlackShared): void {
  routes.shortcut<GlobalShortcut>(
    "shortcut",
    NEW_ACTION_SHORTCUT,
    async ({ shortcut, ack, context, client }) => {
      await ack();
      const team = context.teamId || shortcut.team?.id || "";
      await openNewActionModal(forRequest(shared, client), {
        team,
        user: shortcut.user.id,
        userTeam: shortcut.user.team_id,
        triggerId: shortcut.trigger_id,
      });
    },
  );

  routes.shortcut<MessageShortcut>(
    "message_action",
    MESSAGE_SHORTCUT,
    async ({ shortcut, ack, respond, context, client }) => {
      await ack();
      const deps = forRequest(shared, client);
      const team = context.teamId || shortcut.team?.id || "";
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
        userTeam: shortcut.user.team_id,
        triggerId: shortcut.trigger_id,
        title,
        origin,
      });
      if (problem) await respond({ response_type: "ephemeral", text: problem });
    },
  );

  routes.view(NEW_ACTION_VIEW, async ({ ack, body, view, context, client }) => {
    const deps = forRequest(shared, client);
    const team = context.teamId || body.team?.id || view.team_id;
    const user = body.user.id;
    const origin = parseOrigin(view.private_metadata);
    const form = commandAt(deps.quorum.commands, ADD_ACTION)?.form;
    if (!form) throw new Error("action add has no form");
    const { values, errors } = await formValues(deps, team, form, readFormState(view));
    if (Object.keys(errors).length) {
      await ack({ response_action: "errors", errors });
      return;
    }
    const where = origin ? { id: origin.channel } : {};
    const event = await slackEvent(deps, { team, user, userTeam: body.user.team_id, text: "", where });
    const result = await deps.quorum.run(event, ADD_ACTION, values);
    if (result.tone === "error") {
      await ack({ response_action: "errors", errors: fieldErrors(form, view, result) });
      return;
    }
    await ack(resultView(result));
    if (origin && result.ref)
      await linkBack(deps, { team, user, origin, ref: result.ref, title: values.title ?? "" });
    await deps.home.refreshIfOpen(deps, { team, user, userTeam: body.user.team_id });
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
